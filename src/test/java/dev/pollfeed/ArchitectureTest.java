package dev.pollfeed;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import jakarta.ws.rs.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The rules that keep the rooms apart (README, Layout); a new dependency that breaks one fails the build here. */
class ArchitectureTest {

    private static final String[] WEB = {"jakarta.ws.rs..", "io.vertx.ext.web..", "io.vertx.core.http..",
            "org.jboss.resteasy..", "dev.pollfeed.http..", "dev.pollfeed.problem.."};
    private static final String[] DATABASE = {"io.vertx.sqlclient..", "io.vertx.pgclient..", "org.hibernate..",
            "io.quarkus.hibernate..", "jakarta.persistence..", "dev.pollfeed.db.."};

    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pollfeed");
    }

    @Test
    void noCyclesBetweenFeatures() {
        slices().matching("dev.pollfeed.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void domainImportsNeitherWebNorDatabaseCode() {
        noClasses().that()
                .resideInAnyPackage("..domain..", "dev.pollfeed.kernel..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(WEB)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(DATABASE)
                .check(main);
    }

    /**
     * Services, repositories, the database layer, domain and kernel say what failed in words ({@code Refusal},
     * {@code Unavailable}); statuses, problem documents and the web frameworks stay with the web layer, which maps
     * them in one place. (The guard's answer is HTTP's vocabulary, {@code Visibility} in http; that may stay.)
     */
    @Test
    void onlyTheWebLayerSpeaksInProblemsAndStatuses() {
        noClasses().that()
                .resideInAnyPackage("..service..", "..repository..", "..domain..", "dev.pollfeed.kernel..",
                        "dev.pollfeed.db..")
                .or()
                .resideInAnyPackage("dev.pollfeed.stats", "dev.pollfeed.retention") // beside their resources
                .and()
                .areNotAnnotatedWith(Path.class)
                .and()
                .haveSimpleNameNotEndingWith("Route")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.pollfeed.problem..", "jakarta.ws.rs..", "io.vertx.ext.web..",
                        "org.jboss.resteasy..")
                .check(main);
    }
}
