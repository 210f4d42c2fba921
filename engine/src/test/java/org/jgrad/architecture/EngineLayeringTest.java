package org.jgrad.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine's layering, checked on its compiled main classes: it never refers to the CUDA backend,
 * the vision module, the app or JCuda (the CUDA backend reaches it only through
 * {@code BackendProvider}), and its packages form no cycle except inside the tensor–ops–autograd
 * core, where a tensor's methods call ops that record autograd nodes holding tensors.
 * The app module's {@code ArchitectureTest} checks the same across every module.
 */
class EngineLayeringTest {
    static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.jgrad");

    @Test
    void neverImportsCudaVisionAppOrJCuda() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.jgrad.backend.cuda..", "org.jgrad.vision..", "org.jgrad.app..", "jcuda..")
                .because("the engine is the bottom layer; the CUDA backend plugs in through BackendProvider")
                .check(ENGINE);
    }

    @Test
    void packagesFormNoCycleOutsideTheCore() {
        noCyclesOutsideTheCore().check(ENGINE);
    }

    /** No package cycles among org.jgrad.* (one slice per package), dependencies inside tensor–ops–autograd aside. */
    static com.tngtech.archunit.lang.ArchRule noCyclesOutsideTheCore() {
        var core = resideInAnyPackage("org.jgrad.tensor", "org.jgrad.ops", "org.jgrad.autograd");
        return slices().matching("org.jgrad.(**)")
                .namingSlices("$1")
                .should()
                .beFreeOfCycles()
                .ignoreDependency(core, core)
                .because("only the tensor–ops–autograd core may refer to itself in a loop");
    }
}
