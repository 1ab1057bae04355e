package dev.pollfeed.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The demo page's client bundle is build output of clients/js (`npm run build:demo`), committed so that the Maven
 * build needs no npm. Its banner carries the SHA-256 of clients/js/src it was built from; a source change without a
 * rebuilt bundle fails here. The hash is the one of clients/js/scripts/source-hash.mjs: files sorted by their
 * '/'-separated path under src/, each hashed as path, NUL, bytes, NUL.
 */
class DemoBundleTest {

    private static final Path BUNDLE = Path.of("src/main/resources/META-INF/resources/js/pollfeed-client.js");
    private static final Path SOURCES = Path.of("clients/js/src");
    private static final Pattern BANNER_HASH = Pattern.compile("^// sources-sha256: ([0-9a-f]{64})$", Pattern.MULTILINE);

    @Test
    void theBundleIsMarkedGenerated() throws IOException {
        assertTrue(Files.readString(BUNDLE).startsWith("// @generated @pollfeed/client "),
                BUNDLE + " should start with its generated banner");
    }

    @Test
    void theBundleWasBuiltFromTheCurrentSources() throws IOException, NoSuchAlgorithmException {
        Matcher banner = BANNER_HASH.matcher(Files.readString(BUNDLE));
        assertTrue(banner.find(), BUNDLE + " has no '// sources-sha256: …' line in its banner");
        assertEquals(banner.group(1), sourcesHash(),
                BUNDLE + " is out of date with clients/js/src: run `npm run build:demo` in clients/js and commit it");
    }

    private static String sourcesHash() throws IOException, NoSuchAlgorithmException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(Files::isRegularFile)
                    .map(path -> SOURCES.relativize(path).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (String file : files) {
            sha256.update(file.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(Files.readAllBytes(SOURCES.resolve(file)));
            sha256.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
