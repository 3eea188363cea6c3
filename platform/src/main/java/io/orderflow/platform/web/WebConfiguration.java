package io.orderflow.platform.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/** The web edge every service shares: the body size limit ahead of every other filter. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebConfiguration {

    @Bean
    public FilterRegistrationBean<BodySizeLimit> bodySizeLimit(
            @Value("${orderflow.web.max-body-size:256KB}") DataSize maxBodySize) {
        FilterRegistrationBean<BodySizeLimit> registration = new FilterRegistrationBean<>(new BodySizeLimit(maxBodySize));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
