package io.orderflow.platform.commandbus;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Only peers that know the command bus's shared secret ({@code orderflow.commandbus.secret}, {@code
 * COMMAND_BUS_SECRET}) may dispatch commands to this service or ask what it handles: every request of the command bus
 * carries the secret in {@value #HEADER}, and the command bus endpoints reject a request without the right one (401).
 * Without a configured secret a service makes up a random one, so it accepts commands from no peer (never open by
 * default) and says so at start-up. The secret authenticates peers, it does not encrypt: between hosts, run the
 * command bus over TLS.
 */
public final class PeerAuthentication {

    public static final String HEADER = "OrderFlow-Peer-Secret";
    static final String ROLE = "PEER";
    private static final Logger log = LoggerFactory.getLogger(PeerAuthentication.class);

    private final byte[] secret;

    public PeerAuthentication(String configuredSecret) {
        String secret = configuredSecret;
        if (secret == null || secret.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            secret = HexFormat.of().formatHex(random);
            log.warn("No command bus secret (orderflow.commandbus.secret / COMMAND_BUS_SECRET): this service accepts "
                     + "commands from no other service. Give every service the same secret.");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** @return an interceptor that adds the secret to every request this service's command bus sends */
    public ClientHttpRequestInterceptor clientInterceptor() {
        String value = new String(secret, StandardCharsets.UTF_8);
        return (request, body, execution) -> {
            request.getHeaders().set(HEADER, value);
            return execution.execute(request, body);
        };
    }

    /**
     * @return a filter that authenticates a request carrying the secret as a peer (role {@value #ROLE}), on every
     * dispatch of the request: the connector answers asynchronously, and Spring Security authorizes the async
     * dispatch that writes the answer as well, without the context of the first dispatch (the chain is stateless). A
     * filter that ran only once per request made that second check fail with 401 whenever the answer was not
     * ready before the first dispatch ended, that is under load.
     */
    public OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                if (accepts(request.getHeader(HEADER))) {
                    SecurityContext context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                            "peer", null, AuthorityUtils.createAuthorityList("ROLE_" + ROLE)));
                    SecurityContextHolder.setContext(context);
                }
                chain.doFilter(request, response);
            }

            @Override
            protected boolean shouldNotFilterAsyncDispatch() {
                return false;
            }

            @Override
            protected boolean shouldNotFilterErrorDispatch() {
                return false;
            }
        };
    }

    /** Compares in constant time, so the answer's timing says nothing about how much of a guess was right. */
    boolean accepts(String presented) {
        return presented != null
               && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }
}
