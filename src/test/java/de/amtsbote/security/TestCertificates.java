package de.amtsbote.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away public key infrastructure for TLS tests, made at test time with the JDK's {@code keytool} (nothing
 * checked in, nothing to expire in the repository): a CA, a server certificate for {@code localhost} and
 * {@code 127.0.0.1} signed by it, and on demand client certificates with a given common name. Every store is
 * PKCS12 with the one {@link #password()}.
 *
 * <pre>{@code
 * TestCertificates certificates = TestCertificates.create(dir);
 * certificates.serverKeyStore();                // for the hub's or the broker's TLS
 * certificates.trustStore();                    // trusts the CA only
 * certificates.clientKeyStore("portal-stuttgart"); // for mutual TLS
 * HttpClient.newBuilder().sslContext(certificates.sslContext("portal-stuttgart")).build();
 * }</pre>
 */
public final class TestCertificates {

    private static final String TYPE = "PKCS12";
    private static final String CA = "ca";
    private static final String SERVER = "server";
    private static final int VALIDITY_DAYS = 2;
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private final Path directory;
    private final String password;
    /** keytool signs with {@code -signer} only within one store: every key pair is made here, then copied out. */
    private final Path caStore;
    private final Path trustStore;
    private final Path serverKeyStore;
    private final Map<String, Path> clientKeyStores = new HashMap<>();

    private TestCertificates(Path directory) {
        this.directory = directory;
        this.password = "test-" + UUID.randomUUID();
        this.caStore = directory.resolve("ca.p12");
        this.trustStore = directory.resolve("truststore.p12");
        this.serverKeyStore = directory.resolve("server.p12");
    }

    /** Makes the CA, its trust store and the server key store in {@code directory} (created if missing). */
    public static TestCertificates create(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestCertificates certificates = new TestCertificates(directory.toAbsolutePath());
        certificates.genkeypair(CA, "CN=Amtsbote Test CA",
                "-ext", "BasicConstraints:critical=ca:true", "-ext", "KeyUsage:critical=keyCertSign,cRLSign");
        certificates.writeTrustStore();
        certificates.issue(SERVER, "CN=localhost", "SubjectAlternativeName=dns:localhost,ip:127.0.0.1",
                "ExtendedKeyUsage=serverAuth", certificates.serverKeyStore);
        return certificates;
    }

    /** The password of every store and key. */
    public String password() {
        return password;
    }

    /** A PKCS12 store with the CA's certificate as its only trusted entry. */
    public Path trustStore() {
        return trustStore;
    }

    /** A PKCS12 store with the server's key and its chain (server, CA), for {@code localhost} and 127.0.0.1. */
    public Path serverKeyStore() {
        return serverKeyStore;
    }

    /**
     * A PKCS12 store with a client key and its chain (client, CA), the client certificate's subject
     * {@code CN=<commonName>}; made on the first call for a name.
     */
    public synchronized Path clientKeyStore(String commonName) {
        return clientKeyStores.computeIfAbsent(commonName, cn -> {
            Path store = directory.resolve("client-" + cn.replaceAll("[^A-Za-z0-9.-]", "_") + ".p12");
            issue("client-" + cn, "CN=" + cn, null, "ExtendedKeyUsage=clientAuth", store);
            return store;
        });
    }

    /** For a client that trusts the test CA only (and shows no certificate of its own). */
    public SSLContext sslContext() {
        return sslContext(null);
    }

    /** For a client that trusts the test CA only and shows the client certificate of that common name. */
    public SSLContext sslContext(String clientCommonName) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore));
            KeyManagerFactory keys = null;
            if (clientCommonName != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(clientKeyStore(clientCommonName)), password.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build an SSL context from " + directory, e);
        }
    }

    /** A key pair signed by the CA, made in the CA's store and copied with its chain into a store of its own. */
    private void issue(String alias, String subject, String subjectAlternativeNames, String extendedKeyUsage, Path target) {
        List<String> extensions = new ArrayList<>(List.of(
                "-signer", CA, "-ext", "KeyUsage:critical=digitalSignature", "-ext", extendedKeyUsage));
        if (subjectAlternativeNames != null) {
            extensions.addAll(List.of("-ext", subjectAlternativeNames));
        }
        genkeypair(alias, subject, extensions.toArray(String[]::new));
        try {
            KeyStore ca = load(caStore);
            KeyStore own = empty();
            own.setKeyEntry(alias, ca.getKey(alias, password.toCharArray()), password.toCharArray(),
                    ca.getCertificateChain(alias));
            store(own, target);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot copy " + subject + " out of " + caStore, e);
        }
    }

    private void writeTrustStore() {
        try {
            Certificate caCertificate = load(caStore).getCertificate(CA);
            KeyStore trust = empty();
            trust.setCertificateEntry(CA, caCertificate);
            store(trust, trustStore);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write " + trustStore, e);
        }
    }

    /** A key pair in the CA's store, made by the JDK's keytool: EC keys (quick to make, fine for TLS 1.2 and 1.3). */
    private void genkeypair(String alias, String subject, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-XX:TieredStopAtLevel=1", // a one-second tool: the optimizing compiler only costs start-up time
                "-genkeypair",
                "-keystore", caStore.toString(), "-storetype", TYPE, "-storepass", password, "-alias", alias,
                "-dname", subject, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", String.valueOf(VALIDITY_DAYS)));
        command.addAll(List.of(arguments));
        try {
            Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
            keytool.getOutputStream().close();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytool.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                keytool.destroyForcibly();
                throw new IllegalStateException("keytool did not finish making " + subject);
            }
            if (keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed to make " + subject + ": " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private KeyStore load(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(TYPE);
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    private static KeyStore empty() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(TYPE);
        try {
            store.load(null, null);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return store;
    }

    private void store(KeyStore store, Path path) {
        try (OutputStream out = Files.newOutputStream(path)) {
            store.store(out, password.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write " + path, e);
        }
    }
}
