package de.amtsbote.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * A stand-in for the city's identity provider, on loopback: a key pair made at start, its public half served as
 * a JWK set, and client-credentials access tokens signed with the private half.
 */
public final class TestIssuer {

    private final RSAKey key;
    private final HttpServer server;

    private TestIssuer(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
    }

    /** Serves the JWK set until the JVM ends (the shared hub context lives as long). */
    public static TestIssuer start() {
        try {
            RSAKey key = newKey();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            server.start();
            return new TestIssuer(key, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    /** A valid token for this client, for five minutes. */
    public String token(String clientId) {
        return token(clientId, issuer(), Instant.now().plus(Duration.ofMinutes(5)));
    }

    public String token(String clientId, String issuer, Instant expires) {
        return sign(key, clientId, issuer, expires);
    }

    /** A token that looks right but is signed by a key the issuer never published. */
    public String forgedToken(String clientId) {
        return sign(newKey(), clientId, issuer(), Instant.now().plus(Duration.ofMinutes(5)));
    }

    private static String sign(RSAKey key, String clientId, String issuer, Instant expires) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(clientId)
                .claim("client_id", clientId)
                .claim("scope", "amtsbote")
                .issueTime(Date.from(expires.minus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
