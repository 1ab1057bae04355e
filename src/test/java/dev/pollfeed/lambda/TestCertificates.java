package dev.pollfeed.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway CA and a server certificate it signed, made with the JDK's keytool (no OpenSSL, no BouncyCastle): PEM
 * files as PostgreSQL reads them ({@code ssl_cert_file}, {@code ssl_key_file}) and as a client trusts them.
 */
record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey) {

    private static final String PASSWORD = "changeit";

    static TestCertificates create(Path directory, String hostName) throws Exception {
        Files.createDirectories(directory);
        Path ca = directory.resolve("ca.p12");
        Path server = directory.resolve("server.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=pollfeed test CA", "-ext", "bc:c", "-keystore", ca.toString());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + hostName, "-keystore", server.toString());
        Path request = directory.resolve("server.csr");
        keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-file", request.toString());
        Path serverCertificate = directory.resolve("server.crt");
        keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile", request.toString(), "-outfile",
                serverCertificate.toString(), "-rfc", "-validity", "2", "-ext", "san=dns:" + hostName,
                "-ext", "ku:c=digitalSignature,keyEncipherment", "-ext", "eku=serverAuth");
        Path caCertificate = directory.resolve("ca.pem");
        keytool("-exportcert", "-alias", "ca", "-keystore", ca.toString(), "-rfc", "-file", caCertificate.toString());

        // PostgreSQL refuses a key file that others may read.
        Path serverKey = directory.resolve("server.key");
        Files.createFile(serverKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(serverKey, pem("PRIVATE KEY", privateKey(server, "server").getEncoded()));
        return new TestCertificates(caCertificate, serverCertificate, serverKey);
    }

    private static PrivateKey privateKey(Path keystore, String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return (PrivateKey) store.getKey(alias, PASSWORD.toCharArray());
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-noprompt",
                "-storetype", "PKCS12", "-storepass", PASSWORD));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
