package dev.latchkey.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** Keeps the architecture of DESIGN.md: capabilities meet through services, libraries behind adapters. */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.latchkey");
  }

  @Test
  void coreWhenImportedThenFreeOfFrameworksAndOfTheServer() {
    noClasses().that().resideInAPackage("dev.latchkey.core..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..",
            "jakarta..", "dev.latchkey.server..")
        .check(classes);
  }

  @Test
  void repositoriesWhenUsedThenOnlyByTheirOwnCapability() {
    classes().that().areAnnotatedWith(Repository.class).and().resideOutsideOfPackage("dev.latchkey.server.persistence")
        .should(beAccessedOnlyFromTheirOwnPackage())
        .check(classes);
  }

  @Test
  void controllersWhenDeclaredThenPackagePrivate() {
    classes().that().areAnnotatedWith(RestController.class)
        .should().notHaveModifier(JavaModifier.PUBLIC)
        .check(classes);
  }

  @Test
  void authorizationServerAndJoseWhenUsedThenOnlyInsideSecurityAndOidc() {
    noClasses().that().resideOutsideOfPackages("dev.latchkey.server.security..", "dev.latchkey.server.oidc..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.springframework.security.oauth2.server.authorization..", "com.nimbusds..")
        .check(classes);
  }

  @Test
  void capabilitiesWhenDependingOnEachOtherThenWithoutCycles() {
    slices().matching("dev.latchkey.server.(*)..").should().beFreeOfCycles().check(classes);
  }

  private static ArchCondition<JavaClass> beAccessedOnlyFromTheirOwnPackage() {
    return new ArchCondition<>("be accessed only from their own package") {
      @Override
      public void check(JavaClass repository, ConditionEvents events) {
        repository.getAccessesToSelf().stream()
            .filter(access -> !access.getOriginOwner().getPackageName().equals(repository.getPackageName()))
            .forEach(access -> events.add(SimpleConditionEvent.violated(access, access.getDescription())));
      }
    };
  }

}
