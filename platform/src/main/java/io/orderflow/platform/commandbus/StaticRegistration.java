package io.orderflow.platform.commandbus;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.serviceregistry.Registration;

import java.net.URI;
import java.util.Map;

/**
 * This node as the command router sees it: the very entry static discovery lists for this service, so the router
 * recognises itself among the discovered instances.
 */
record StaticRegistration(ServiceInstance instance) implements Registration {

    @Override
    public String getServiceId() {
        return instance.getServiceId();
    }

    @Override
    public String getInstanceId() {
        return instance.getInstanceId();
    }

    @Override
    public String getHost() {
        return instance.getHost();
    }

    @Override
    public int getPort() {
        return instance.getPort();
    }

    @Override
    public boolean isSecure() {
        return instance.isSecure();
    }

    @Override
    public URI getUri() {
        return instance.getUri();
    }

    @Override
    public Map<String, String> getMetadata() {
        return instance.getMetadata();
    }
}
