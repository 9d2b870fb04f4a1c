@echo off
rem The Concurrency Lab launcher for Windows: concurrency-lab list | run <id> [--quick] [--json] | tour [--quick]
rem Uses JAVA_HOME, or the java on PATH; it must be a JDK 21 or newer. Builds the jar when missing.
setlocal EnableDelayedExpansion

set "ROOT=%~dp0"
set "JAR=%ROOT%lab\target\concurrency-lab.jar"

set "JAVA_EXE=java"
if defined JAVA_HOME set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"

set "JAVA_MAJOR="
for /f "tokens=3" %%v in ('"%JAVA_EXE%" -version 2^>^&1 ^| findstr /i "version"') do (
  if not defined JAVA_MAJOR set "JAVA_MAJOR=%%~v"
)
if not defined JAVA_MAJOR goto nojava
for /f "delims=.-+" %%m in ("%JAVA_MAJOR%") do set "JAVA_MAJOR=%%m"
if %JAVA_MAJOR% LSS 21 goto nojava

if not exist "%JAR%" (
  echo concurrency-lab: building the launcher... 1>&2
  if not exist "%USERPROFILE%\.m2\repository\info\picocli" echo concurrency-lab: first build: downloading Maven and the libraries from Maven Central ^(once; later builds work offline^)... 1>&2
  pushd "%ROOT%"
  call mvnw.cmd -B -q -DskipTests -pl lab -am package 1>&2
  if errorlevel 1 ( popd & exit /b 1 )
  popd
)

rem --enable-preview: the JDK 25 preview lessons load only with it; on any other JDK it changes nothing.
set "JAVA_OPTIONS=--enable-preview"
rem JDK 23+ warns when a library (Hazelcast, in the cluster chapter) uses sun.misc.Unsafe's memory access.
if %JAVA_MAJOR% GEQ 23 set "JAVA_OPTIONS=%JAVA_OPTIONS% --sun-misc-unsafe-memory-access=allow"
"%JAVA_EXE%" %JAVA_OPTIONS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%

:nojava
echo concurrency-lab: no JDK 21 or newer found; install one (any vendor) or set JAVA_HOME to it. 1>&2
exit /b 2
