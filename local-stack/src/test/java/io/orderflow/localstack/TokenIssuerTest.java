package io.orderflow.localstack;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenIssuerTest {

    @TempDir
    Path keys;

    @Test
    void signsCustomerAndOperatorTokensThatThePublicKeyVerifies() throws Exception {
        TokenIssuer issuer = TokenIssuer.in(keys);
        SignedJWT customer = SignedJWT.parse(issuer.customer("alice"));
        SignedJWT operator = SignedJWT.parse(issuer.operator("ops"));

        RSASSAVerifier verifier = new RSASSAVerifier(publicKey(issuer.publicKey()));
        assertThat(customer.verify(verifier)).isTrue();
        assertThat(operator.verify(verifier)).isTrue();
        assertThat(customer.getJWTClaimsSet().getSubject()).isEqualTo("alice");
        assertThat(customer.getJWTClaimsSet().getStringListClaim("roles")).isEqualTo(List.of("CUSTOMER"));
        assertThat(operator.getJWTClaimsSet().getStringListClaim("roles")).isEqualTo(List.of("OPERATOR"));
        assertThat(customer.getJWTClaimsSet().getExpirationTime()).isAfter(new Date());
    }

    @Test
    void keepsItsKeysAcrossInstancesAndTheOtherKeyPairDoesNotVerify(@TempDir Path other) throws Exception {
        String token = TokenIssuer.in(keys).customer("bob");
        assertThat(SignedJWT.parse(token).verify(new RSASSAVerifier(publicKey(TokenIssuer.in(keys).publicKey()))))
                .isTrue();
        assertThat(SignedJWT.parse(token).verify(new RSASSAVerifier(publicKey(TokenIssuer.in(other).publicKey()))))
                .isFalse();
        assertThat(Files.getPosixFilePermissions(keys.resolve(TokenIssuer.PRIVATE_KEY)).toString())
                .isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void printsNoTokenWithoutTheStacksKeys(@TempDir Path emptyDataDir) {
        assertThat(TokenCommand.run(new String[] {"alice"}, emptyDataDir)).isEqualTo(1);
        assertThat(TokenCommand.run(new String[] {"alice", "--operator"}, emptyDataDir)).isEqualTo(2);
        assertThat(TokenCommand.run(new String[] {}, emptyDataDir)).isEqualTo(2);
    }

    private static RSAPublicKey publicKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                                        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
