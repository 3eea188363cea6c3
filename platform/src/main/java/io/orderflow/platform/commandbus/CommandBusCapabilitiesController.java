package io.orderflow.platform.commandbus;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tells peers which commands this node handles. */
@RestController
public class CommandBusCapabilitiesController {

    static final String PATH = "/command-bus/capabilities";

    private final StaticCommandRouter router;

    public CommandBusCapabilitiesController(StaticCommandRouter router) {
        this.router = router;
    }

    @GetMapping(PATH)
    public Capabilities capabilities() {
        return router.localCapabilities();
    }
}
