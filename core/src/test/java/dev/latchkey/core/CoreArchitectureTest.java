package dev.latchkey.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;

/** The core holds the rules with no framework: no Spring, no SQL, no Jakarta (servlets, persistence, ...). */
class CoreArchitectureTest {

  private static final ArchRule CORE_USES_NO_FRAMEWORK_OR_SQL = noClasses()
      .that().resideInAPackage("dev.latchkey.core..")
      .should().dependOnClassesThat()
      .resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..", "jakarta..")
      .because("core is plain Java that the server, the CLI and the benchmarks all share (DESIGN.md)");

  @Test
  void coreWhenImportedThenNoClassDependsOnSpringSqlOrJakarta() {
    JavaClasses core = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.latchkey.core");

    CORE_USES_NO_FRAMEWORK_OR_SQL.check(core);
  }

  @Test
  void ruleWhenACoreClassUsesJavaSqlThenViolated() {
    JavaClasses leaky = new ClassFileImporter().importClasses(LeakyPassRow.class);

    assertThatThrownBy(() -> CORE_USES_NO_FRAMEWORK_OR_SQL.check(leaky))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("java.sql.Timestamp");
  }

  /** What the rule is there to stop: a core type that knows about JDBC. */
  static final class LeakyPassRow {

    Timestamp consumedAt;
  }
}
