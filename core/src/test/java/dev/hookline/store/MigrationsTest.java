package dev.hookline.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One numbered list of schema changes for every store: each number needs a script in every dialect
 * ({@code db/sqlite/VN__x.sql} and its PostgreSQL twin {@code db/postgres/VN__x.sql}), and no
 * dialect holds a script the list does not name.
 */
class MigrationsTest {
    private static final Path RESOURCES = Path.of("src/main/resources/db");

    @Test
    void everyNumberHasAScriptInEveryDialect() {
        for (int i = 0; i < Migrations.NAMES.size(); i++) {
            String name = Migrations.NAMES.get(i);
            assertThat(name).as("the list is numbered 1, 2, 3, … in order").startsWith("V" + (i + 1) + "__").endsWith(".sql");
            for (String dialect : Migrations.DIALECTS) {
                assertThat(Migrations.class.getResource(Migrations.path(dialect, name)))
                        .as("%s is listed but has no %s script: add %s", name, dialect, Migrations.path(dialect, name))
                        .isNotNull();
                assertThat(Migrations.split(Migrations.script(dialect, name))).as(Migrations.path(dialect, name)).isNotEmpty();
            }
        }
    }

    @Test
    void noDialectHoldsAScriptTheListDoesNotName() throws IOException {
        for (String dialect : Migrations.DIALECTS) {
            try (Stream<Path> files = Files.list(RESOURCES.resolve(dialect))) {
                List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
                assertThat(Migrations.NAMES).as("scripts in db/%s/ not listed in store/Migrations", dialect).containsAll(names);
            }
        }
        try (Stream<Path> dirs = Files.list(RESOURCES)) {
            assertThat(dirs.map(p -> p.getFileName().toString()).sorted().toList()).as("folders under db/: one per dialect")
                    .containsExactlyInAnyOrderElementsOf(Migrations.DIALECTS);
        }
    }
}
