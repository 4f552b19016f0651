package de.amtsbote.security;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Per client, a rate of requests per second and a number of requests in progress at once: one portal in a loop
 * must not take the hub from the others. Refused at once (no queueing) with 429 and a Retry-After.
 */
@Component
class ClientLimits implements HandlerInterceptor, WebMvcConfigurer {

    private static final String PERMIT = ClientLimits.class.getName() + ".permit";

    private final Clients clients;
    private final RateLimiterRegistry rates = RateLimiterRegistry.ofDefaults();
    private final BulkheadRegistry concurrency = BulkheadRegistry.ofDefaults();

    ClientLimits(Clients clients) {
        this.clients = clients;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return true; // public, or refused by the security chain already
        }
        String clientId = authentication.getName();
        SecurityProperties.Limits limits = clients.limitsOf(clientId);
        RateLimiter rate = rates.rateLimiter(clientId, () -> RateLimiterConfig.custom()
                .limitForPeriod(limits.requestsPerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build());
        if (!rate.acquirePermission()) {
            throw new TooManyRequestsException(clientId, "More than " + limits.requestsPerSecond()
                    + " requests per second from this client");
        }
        Bulkhead inProgress = concurrency.bulkhead(clientId, () -> BulkheadConfig.custom()
                .maxConcurrentCalls(limits.concurrentRequests())
                .maxWaitDuration(Duration.ZERO)
                .build());
        if (!inProgress.tryAcquirePermission()) {
            throw new TooManyRequestsException(clientId, "More than " + limits.concurrentRequests()
                    + " requests in progress at once from this client");
        }
        request.setAttribute(PERMIT, inProgress);
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (request.getAttribute(PERMIT) instanceof Bulkhead inProgress) {
            inProgress.onComplete();
        }
    }
}
