package io.orderflow.platform.commandbus;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.distributed.CommandMessageFilter;
import org.axonframework.commandhandling.distributed.CommandRouter;
import org.axonframework.commandhandling.distributed.ConsistentHash;
import org.axonframework.commandhandling.distributed.Member;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.commandhandling.distributed.SimpleMember;
import org.axonframework.commandhandling.distributed.commandfilter.CommandNameFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Routes each command to the node that handles it, from a static list of peers: every peer is asked over HTTP
 * which commands it handles ({@link CommandBusCapabilitiesController}), on start-up and then periodically; a peer
 * that does not answer is left out until it answers again, so a command for it fails fast with "no handler" and the
 * command gateway retries it. Commands for one aggregate always go to the same node (consistent hashing on the
 * routing key), which matters once a context runs several nodes.
 */
public class StaticCommandRouter implements CommandRouter {

    private static final Logger log = LoggerFactory.getLogger(StaticCommandRouter.class);

    private final String self;
    private final Map<String, URI> peers;
    private final RoutingStrategy routingStrategy;
    private final RestClient http;
    private final ObjectMapper objectMapper;
    private final Map<String, Capabilities> reachable = new ConcurrentHashMap<>();
    private final AtomicReference<ConsistentHash> hash = new AtomicReference<>(new ConsistentHash());
    private volatile Capabilities local = Capabilities.NONE;

    public StaticCommandRouter(String self, Map<String, URI> peers, RoutingStrategy routingStrategy, RestClient http,
                               ObjectMapper objectMapper) {
        this.self = self;
        this.peers = Map.copyOf(peers);
        this.routingStrategy = routingStrategy;
        this.http = http;
        this.objectMapper = objectMapper;
    }

    @Override
    public Optional<Member> findDestination(CommandMessage<?> command) {
        return hash.get().getMember(routingStrategy.getRoutingKey(command), command);
    }

    @Override
    public void updateMembership(int loadFactor, CommandMessageFilter commandFilter) {
        local = new Capabilities(loadFactor, commandNames(commandFilter));
        rebuild();
    }

    /** @return what this node handles, for its peers */
    public Capabilities localCapabilities() {
        return local;
    }

    /** Asks every peer what it handles now. */
    public void refresh() {
        peers.forEach((name, uri) -> {
            if (name.equals(self)) {
                return;
            }
            try {
                Capabilities capabilities = http.get().uri(uri.resolve(CommandBusCapabilitiesController.PATH))
                                                .retrieve().body(Capabilities.class);
                if (reachable.put(name, capabilities) == null) {
                    log.info("Command bus peer {} at {} handles {} commands", name, uri,
                             capabilities.commandNames().size());
                }
            } catch (RuntimeException e) {
                if (reachable.remove(name) != null) {
                    log.warn("Command bus peer {} at {} is unreachable: {}", name, uri, e.getMessage());
                }
            }
        });
        rebuild();
    }

    private void rebuild() {
        ConsistentHash next = new ConsistentHash()
                .with(new SimpleMember<>(self + "[local]", null, SimpleMember.LOCAL_MEMBER, this::suspect),
                      Math.max(local.loadFactor(), 1), new CommandNameFilter(local.commandNames()));
        for (Map.Entry<String, Capabilities> peer : reachable.entrySet()) {
            Capabilities capabilities = peer.getValue();
            next = next.with(new SimpleMember<>(peer.getKey(), peers.get(peer.getKey()), SimpleMember.REMOTE_MEMBER,
                                                this::suspect),
                             Math.max(capabilities.loadFactor(), 1), new CommandNameFilter(capabilities.commandNames()));
        }
        hash.set(next);
    }

    private ConsistentHash suspect(Member member) {
        if (reachable.remove(member.name()) != null) {
            log.warn("Command bus peer {} failed to take a command; left out until it answers again", member.name());
            rebuild();
        }
        return hash.get();
    }

    /**
     * The distributed command bus describes what this node handles as a filter; a filter of command names is the
     * only kind it builds from subscriptions, and those names are what peers need.
     */
    private Set<String> commandNames(CommandMessageFilter filter) {
        if (!(filter instanceof CommandNameFilter)) {
            return Set.of();
        }
        JsonNode names = objectMapper.valueToTree(filter).path("commandNames");
        Set<String> result = new LinkedHashSet<>();
        names.forEach(name -> result.add(name.asString()));
        return Set.copyOf(result);
    }
}
