package dev.concurrencylab.exercises.monitors;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A copy of a class whose calls of Object's {@code wait}, {@code notify} and {@code notifyAll} go
 * to {@link ChosenWakeUps} instead, loaded by a class loader of its own, with every other class of
 * its package and the packages below (a helper the student wrote that waits and notifies, too);
 * the contract's classes and everything outside come from the original's loader, so the copy
 * implements the same interfaces. ASM rewrites the calls: each is one {@code invokevirtual} with the
 * receiver on the stack, which becomes one {@code invokestatic} with the same stack.
 */
public final class MonitorCalls {

    /** Object's methods, by name and descriptor, and the method of ChosenWakeUps each becomes. */
    private static final Map<String, String> REROUTED = Map.of(
            "wait()V", "waitOn", "wait(J)V", "waitOn", "wait(JI)V", "waitOn",
            "notify()V", "notifyOn", "notifyAll()V", "notifyAllOn");

    private static final String WAKE_UPS = Type.getInternalName(ChosenWakeUps.class);

    /** Never copied: a copy of ChosenWakeUps would have its own state, which no grader installs. */
    private static final String OWN_PACKAGE = MonitorCalls.class.getPackageName() + ".";

    /** The copy, and how many calls it reroutes (none: the class waits on no monitor of its own). */
    public record Copy<T>(Class<? extends T> type, int reroutedCalls) {}

    private MonitorCalls() {}

    /** Loads the rerouted copy of {@code original}, which must be a class read from a class file. */
    public static <T> Copy<T> copyOf(Class<? extends T> original, Class<T> contract) {
        Loader loader = new Loader(original, contract);
        try {
            return new Copy<>(Class.forName(original.getName(), true, loader).asSubclass(contract), loader.rerouted.get());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot copy " + original.getName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Defines the classes of the original's package and below anew, rerouted (not the contract's,
     * which the copy must share with its caller); asks the original's loader for everything else.
     */
    private static final class Loader extends ClassLoader {
        private final String top;
        private final String packagePrefix;
        private final String contractTop;
        private final ClassLoader source;
        private final AtomicInteger rerouted = new AtomicInteger();

        Loader(Class<?> original, Class<?> contract) {
            super("rerouted-monitor-calls", original.getClassLoader());
            this.top = original.getName();
            this.packagePrefix = original.getPackageName().isEmpty() ? "" : original.getPackageName() + ".";
            String contractName = contract.getName();
            this.contractTop = contractName.contains("$") ? contractName.substring(0, contractName.indexOf('$')) : contractName;
            this.source = original.getClassLoader();
        }

        /** The original and its nested classes; other classes of its package and below, but neither the contract's nor this package's own. */
        private boolean copies(String name) {
            if (name.equals(top) || name.startsWith(top + "$")) {
                return true;
            }
            return name.startsWith(packagePrefix) && !name.substring(0, name.lastIndexOf('.') + 1).equals(OWN_PACKAGE)
                    && !name.equals(contractTop) && !name.startsWith(contractTop + "$")
                    && source.getResource(name.replace('.', '/') + ".class") != null;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!copies(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    byte[] bytes = reroute(read(name));
                    loaded = defineClass(name, bytes, 0, bytes.length);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        private byte[] read(String name) throws ClassNotFoundException {
            try (InputStream in = source.getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name + ": no class file to copy");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new ClassNotFoundException(name + ": " + e.getMessage(), e);
            }
        }

        private byte[] reroute(byte[] classFile) {
            ClassReader reader = new ClassReader(classFile);
            ClassWriter writer = new ClassWriter(reader, 0); // the stack keeps its shape: no frames to recompute
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String called, String calledDescriptor, boolean isInterface) {
                            String target = opcode == Opcodes.INVOKEVIRTUAL ? REROUTED.get(called + calledDescriptor) : null;
                            if (target == null) {
                                super.visitMethodInsn(opcode, owner, called, calledDescriptor, isInterface);
                            } else {
                                rerouted.incrementAndGet();
                                super.visitMethodInsn(Opcodes.INVOKESTATIC, WAKE_UPS, target,
                                        "(Ljava/lang/Object;" + calledDescriptor.substring(1), false);
                            }
                        }
                    };
                }
            }, 0);
            return writer.toByteArray();
        }
    }
}
