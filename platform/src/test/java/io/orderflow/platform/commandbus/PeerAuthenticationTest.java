package io.orderflow.platform.commandbus;

import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class PeerAuthenticationTest {

    @AfterEach
    void clearSecurityContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void acceptsOnlyTheSharedSecret() {
        PeerAuthentication peers = new PeerAuthentication("s3cret");

        assertThat(peers.accepts("s3cret")).isTrue();
        assertThat(peers.accepts("s3cret ")).isFalse();
        assertThat(peers.accepts("S3CRET")).isFalse();
        assertThat(peers.accepts("")).isFalse();
        assertThat(peers.accepts(null)).isFalse();
    }

    @Test
    void withoutAConfiguredSecretAcceptsNobody() {
        PeerAuthentication peers = new PeerAuthentication(" ");

        assertThat(peers.accepts("")).isFalse();
        assertThat(peers.accepts(" ")).isFalse();
        assertThat(peers.accepts(null)).isFalse();
    }

    @Test
    void sendsTheSecretWithEveryRequest() throws Exception {
        PeerAuthentication peers = new PeerAuthentication("s3cret");
        MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.POST, URI.create("http://peer/x"));

        peers.clientInterceptor().intercept(request, new byte[0], (r, body) -> new MockClientHttpResponse());

        assertThat(request.getHeaders().getFirst(PeerAuthentication.HEADER)).isEqualTo("s3cret");
    }

    @Test
    void authenticatesARequestWithTheSecretAsAPeerAndLeavesOthersAnonymous() throws Exception {
        PeerAuthentication peers = new PeerAuthentication("s3cret");

        MockHttpServletRequest stranger = new MockHttpServletRequest("POST", "/spring-command-bus-connector/command");
        stranger.addHeader(PeerAuthentication.HEADER, "guess");
        peers.filter().doFilter(stranger, new MockHttpServletResponse(), new MockFilterChain());
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();

        MockHttpServletRequest peer = new MockHttpServletRequest("POST", "/spring-command-bus-connector/command");
        peer.addHeader(PeerAuthentication.HEADER, "s3cret");
        peers.filter().doFilter(peer, new MockHttpServletResponse(), new MockFilterChain());
        assertThat(SecurityContextHolder.getContext().getAuthentication().getAuthorities())
                .extracting(Object::toString).containsExactly("ROLE_PEER");
    }

    /** The connector answers asynchronously; the dispatch that writes the answer is authorized again. */
    @Test
    void authenticatesThePeerOnTheAsyncDispatchThatWritesTheAnswer() throws Exception {
        PeerAuthentication peers = new PeerAuthentication("s3cret");
        MockHttpServletRequest answer = new MockHttpServletRequest("POST", "/spring-command-bus-connector/command");
        answer.setDispatcherType(DispatcherType.ASYNC);
        answer.addHeader(PeerAuthentication.HEADER, "s3cret");

        peers.filter().doFilter(answer, new MockHttpServletResponse(), new MockFilterChain());

        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNotNull();
        assertThat(SecurityContextHolder.getContext().getAuthentication().getAuthorities())
                .extracting(Object::toString).containsExactly("ROLE_PEER");
    }
}
