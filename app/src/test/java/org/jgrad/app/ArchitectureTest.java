package org.jgrad.app;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module layering, checked on the main classes of every module (the app's class path holds
 * them all); dependencies point one way:
 * <pre>
 *   app ──→ engine, vision (and cuda at run time only)      cuda ──→ engine      vision ──→ no jgrad module
 * </pre>
 * and no package cycle anywhere except inside the tensor–ops–autograd core. A failure lists the
 * offending classes and references. The engine's own {@code EngineLayeringTest} checks its part alone.
 */
class ArchitectureTest {
    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.jgrad");
    private static final String[] ENGINE_PACKAGES = {
        "org.jgrad.tensor..",
        "org.jgrad.autograd..",
        "org.jgrad.ops..",
        "org.jgrad.nn..",
        "org.jgrad.models..",
        "org.jgrad.loss..",
        "org.jgrad.optim..",
        "org.jgrad.train..",
        "org.jgrad.io..",
        "org.jgrad.check..",
        "org.jgrad.metrics..",
        "org.jgrad.device..",
        "org.jgrad.backend",
        "org.jgrad.backend.cpu.."
    };

    @Test
    void everyModuleIsImported() {
        for (String cls : new String[] {
            "org.jgrad.tensor.Tensor",
            "org.jgrad.backend.cuda.CudaBackend",
            "org.jgrad.vision.loader.DataLoader",
            "org.jgrad.app.Main"
        }) {
            if (!ALL.contain(cls))
                throw new AssertionError(cls + " is not on the class path: the rules below would check nothing");
        }
    }

    @Test
    void theEngineNeverImportsCudaVisionOrTheApp() {
        noClasses()
                .that()
                .resideInAnyPackage(ENGINE_PACKAGES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.jgrad.backend.cuda..", "org.jgrad.vision..", "org.jgrad.app..")
                .because("the engine is the bottom layer; the CUDA backend plugs in through BackendProvider")
                .check(ALL);
    }

    @Test
    void visionNeverImportsTheApp() {
        noClasses()
                .that()
                .resideInAPackage("org.jgrad.vision..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.jgrad.app..")
                .because("the app wraps vision's plain float batches into tensors, not the other way round")
                .check(ALL);
    }

    @Test
    void jcudaIsUsedOnlyByTheCudaBackend() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.jgrad.backend.cuda..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("jcuda..")
                .because("only the cuda module's org.jgrad.backend.cuda may touch JCuda")
                .check(ALL);
    }

    @Test
    void theAppNeverImportsTheCudaBackend() {
        noClasses()
                .that()
                .resideInAPackage("org.jgrad.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.jgrad.backend.cuda..")
                .because("the app asks for a device by name (Devices), so it also runs without the cuda module")
                .check(ALL);
    }

    @Test
    void noPackageCyclesOutsideTheTensorOpsAutogradCore() {
        var core = resideInAnyPackage("org.jgrad.tensor", "org.jgrad.ops", "org.jgrad.autograd");
        slices().matching("org.jgrad.(**)")
                .namingSlices("$1")
                .should()
                .beFreeOfCycles()
                .ignoreDependency(core, core)
                .because("only the tensor–ops–autograd core may refer to itself in a loop")
                .check(ALL);
    }
}
