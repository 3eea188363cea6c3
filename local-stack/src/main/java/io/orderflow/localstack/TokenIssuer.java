package io.orderflow.localstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * A minimal token issuer for local stacks and tests, standing in for an identity provider: an RSA key pair kept in a
 * directory ({@value #PRIVATE_KEY} never leaves it; services are given {@value #PUBLIC_KEY} as
 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location}) and RS256 tokens with the subject and the
 * {@code roles} claim the services read ({@code CUSTOMER} with the customer's id as subject, or {@code OPERATOR}).
 * Services never hold the private key, so they cannot mint tokens.
 */
public final class TokenIssuer {

    public static final String PRIVATE_KEY = "jwt-private.pem";
    public static final String PUBLIC_KEY = "jwt-public.pem";
    public static final String ISSUER = "orderflow-local";
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(12);
    static final String ROLES_CLAIM = "roles";
    static final String CUSTOMER = "CUSTOMER";
    static final String OPERATOR = "OPERATOR";

    private final PrivateKey privateKey;
    private final Path publicKey;

    private TokenIssuer(PrivateKey privateKey, Path publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** @return the issuer whose keys are in the directory, made (2048-bit RSA) the first time */
    public static TokenIssuer in(Path directory) {
        try {
            Path privatePem = directory.resolve(PRIVATE_KEY);
            Path publicPem = directory.resolve(PUBLIC_KEY);
            if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
                Files.createDirectories(directory);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair keys = generator.generateKeyPair();
                writePem(publicPem, "PUBLIC KEY", keys.getPublic().getEncoded());
                Files.deleteIfExists(privatePem);
                try {
                    // readable by its owner only from the start, before the key is in it
                    Files.createFile(privatePem, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    // the file system has no POSIX permissions; the directory's own protection applies
                }
                writePem(privatePem, "PRIVATE KEY", keys.getPrivate().getEncoded());
            }
            byte[] encoded = readPem(privatePem);
            PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(encoded));
            KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(readPem(publicPem)));
            return new TokenIssuer(privateKey, publicPem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the token keys in " + directory, e);
        }
    }

    /** @return the public key's file, for {@code spring.security.oauth2.resourceserver.jwt.public-key-location} */
    public Path publicKey() {
        return publicKey;
    }

    /** @return a token for the customer: they may see and act on their own orders and account */
    public String customer(String customerId) {
        return issue(customerId, CUSTOMER, DEFAULT_VALIDITY);
    }

    /** @return a token with the operator role */
    public String operator(String name) {
        return issue(name, OPERATOR, DEFAULT_VALIDITY);
    }

    public String issue(String subject, String role, Duration validity) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject)
                                                        .claim(ROLES_CLAIM, List.of(role))
                                                        .issueTime(Date.from(now))
                                                        .expirationTime(Date.from(now.plus(validity)))
                                                        .build();
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            token.sign(new RSASSASigner(privateKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return token.serialize();
    }

    private static void writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    private static byte[] readPem(Path file) throws IOException {
        String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(pem);
    }
}
