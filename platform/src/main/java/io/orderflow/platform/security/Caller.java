package io.orderflow.platform.security;

import io.orderflow.platform.web.ForbiddenException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling: a customer (a token whose subject is the customer's id, role {@value #CUSTOMER}) or an operator
 * (role {@value #OPERATOR}: a token, or the operator's HTTP Basic credential). Controllers ask it before they show or
 * change anything that belongs to a customer.
 *
 * @param id       the customer's id, or the operator's name
 * @param operator whether the caller has the operator role
 */
public record Caller(String id, boolean operator) {

    public static final String CUSTOMER = "CUSTOMER";
    public static final String OPERATOR = "OPERATOR";

    /** @return the caller of the request this thread serves; the security filter chain lets no anonymous call in */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new IllegalStateException("No authenticated caller on this thread");
        }
        boolean operator = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                                         .anyMatch(("ROLE_" + OPERATOR)::equals);
        return new Caller(authentication.getName(), operator);
    }

    /** @return whether this caller may see or act on what belongs to the customer */
    public boolean actsFor(String customerId) {
        return operator || id.equals(customerId);
    }

    /** @throws ForbiddenException (403) unless this caller may act for the customer */
    public void requireActsFor(String customerId) {
        if (!actsFor(customerId)) {
            throw new ForbiddenException("A customer may only see and act on their own orders and account");
        }
    }
}
