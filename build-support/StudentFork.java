import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Makes the tree an instructor hands to students: this project without the reference solutions
 * (the exercises-solutions module, which also holds the wrong answers the graders are tested
 * against), without build output or version-control history. The graders stay, so that
 * `./concurrency-lab check NN` works in the fork; its `./mvnw verify` passes with every exercise
 * reported as not started. The fork also gets exercises/classroom.yml as its
 * .github/workflows/classroom.yml: GitHub Classroom's autograding, a step per exercise.
 *
 * <p>Run it from the project folder, with any JDK 21+: {@code java build-support/StudentFork.java ../course}
 */
public final class StudentFork {

    private static final Set<String> LEFT_OUT = Set.of(".git", "target", "exercises-solutions", "node_modules", ".idea");

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java build-support/StudentFork.java TARGET_DIR   (from the project folder)");
            System.exit(2);
        }
        Path source = Path.of("").toAbsolutePath();
        Path target = Path.of(args[0]).toAbsolutePath().normalize();
        if (!Files.isRegularFile(source.resolve("exercises/pom.xml"))) {
            System.err.println("StudentFork: run it from the project folder (no exercises/pom.xml in " + source + ")");
            System.exit(2);
        }
        if (target.startsWith(source)) {
            System.err.println("StudentFork: " + target + " is inside the project; choose a folder outside it");
            System.exit(2);
        }
        if (Files.exists(target) && (!Files.isDirectory(target) || Files.list(target).findAny().isPresent())) {
            System.err.println("StudentFork: " + target + " exists and is not empty; nothing was written");
            System.exit(2);
        }
        int[] copied = {0};
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                if (!directory.equals(source) && LEFT_OUT.contains(directory.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(source.relativize(directory)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String name = file.getFileName().toString();
                if (!name.startsWith("jcstress-results-")) {
                    Files.copy(file, target.resolve(source.relativize(file)), StandardCopyOption.COPY_ATTRIBUTES);
                    copied[0]++;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        // The classroom's autograding, as a workflow the fork runs on every push (GitHub Classroom reads its results).
        Path workflows = Files.createDirectories(target.resolve(".github/workflows"));
        Files.copy(source.resolve("exercises/classroom.yml"), workflows.resolve("classroom.yml"), StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("StudentFork: %d files in %s, without the reference solutions, with .github/workflows/classroom.yml.%n",
                copied[0], target);
        System.out.println("Next: cd " + target + " && git init && ./mvnw verify && ./concurrency-lab exercises");
    }
}
