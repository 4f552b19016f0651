package de.amtsbote.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test PKI works as TLS needs it: the server certificate is valid for localhost and 127.0.0.1 under the test
 * CA, and a server requiring client certificates sees the common name a client certificate was made for.
 */
class TestCertificatesTest {

    @TempDir
    static Path directory;
    private static TestCertificates certificates;

    @BeforeAll
    static void create() {
        certificates = TestCertificates.create(directory);
    }

    @Test
    void theServerCertificateNamesLocalhostAndIsSignedByTheCa() throws Exception {
        X509Certificate[] chain = chain(certificates.serverKeyStore());

        assertThat(chain).hasSize(2);
        assertThat(chain[0].getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(chain[0].getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
                .containsExactlyInAnyOrder("localhost", "127.0.0.1");
        chain[0].verify(chain[1].getPublicKey());
        assertThat(chain[1].getBasicConstraints()).as("the CA may sign").isGreaterThanOrEqualTo(0);
    }

    @Test
    void aServerRequiringClientCertificatesSeesTheClientsCommonName() throws Exception {
        try (SSLServerSocket server = mutualTlsServer()) {
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept()) {
                    accepted.startHandshake();
                    return accepted.getSession().getPeerPrincipal().getName();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });

            try (SSLSocket client = (SSLSocket) certificates.sslContext("portal-stuttgart").getSocketFactory()
                    .createSocket("localhost", server.getLocalPort())) {
                client.startHandshake();
            }
            assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("CN=portal-stuttgart");
        }
        assertThat(chain(certificates.clientKeyStore("portal-stuttgart"))[0].getExtendedKeyUsage())
                .containsExactly("1.3.6.1.5.5.7.3.2"); // clientAuth
    }

    @Test
    void aClientWithoutTheTestCaDoesNotTrustTheServer() throws Exception {
        try (SSLServerSocket server = mutualTlsServer()) {
            CompletableFuture.runAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept()) {
                    accepted.startHandshake();
                } catch (IOException expected) {
                    // the client hangs up during the handshake
                }
            });
            try (SSLSocket client = (SSLSocket) SSLContext.getDefault().getSocketFactory()
                    .createSocket("localhost", server.getLocalPort())) {
                assertThatThrownBy(client::startHandshake).isInstanceOf(SSLHandshakeException.class);
            }
        }
    }

    private static SSLServerSocket mutualTlsServer() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(certificates.serverKeyStore()), certificates.password().toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(certificates.trustStore()));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(true);
        return server;
    }

    private static X509Certificate[] chain(Path keyStore) throws Exception {
        KeyStore store = load(keyStore);
        String alias = Collections.list(store.aliases()).get(0);
        return Arrays.stream(store.getCertificateChain(alias)).map(X509Certificate.class::cast)
                .toArray(X509Certificate[]::new);
    }

    private static KeyStore load(Path path) throws Exception {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, certificates.password().toCharArray());
            return store;
        }
    }
}
