package org.corridor.gateway.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.corridor.gateway.config.GatewayConfig;
import org.corridor.gateway.keys.ApiKeyDirectory;
import org.corridor.gateway.keys.ApiKeyGrant;
import org.corridor.gateway.token.InternalTokenIssuer;
import org.corridor.platform.problem.Problem;
import org.corridor.platform.request.RequestIds;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Forwards {@code /api/} requests to the owning service: authenticates the API key, replaces it with an internal
 * token, and creates or passes on the request id. Answers every refusal itself as a problem.
 */
@ApplicationScoped
public class ApiProxy {

    private static final String API_KEY_SCHEME = "ApiKey ";

    private final ApiKeyDirectory keys;
    private final InternalTokenIssuer tokens;
    private final RouteTable routes;
    private final ObjectMapper objectMapper;
    private final Map<URI, HttpProxy> proxies = new HashMap<>();

    public ApiProxy(ApiKeyDirectory keys, InternalTokenIssuer tokens, GatewayConfig config, ObjectMapper objectMapper) {
        this.keys = keys;
        this.tokens = tokens;
        this.routes = new RouteTable(config.upstreams());
        this.objectMapper = objectMapper;
    }

    void register(@Observes Router router, Vertx vertx) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(64)
                .setConnectTimeout(2000)
                .setKeepAlive(true));
        router.route("/api/*").order(-100).handler(context -> forward(context, client));
    }

    private void forward(RoutingContext context, HttpClient client) {
        var request = context.request();
        String requestId = RequestIds.acceptOrCreate(request.getHeader(RequestIds.HEADER));
        request.headers().set(RequestIds.HEADER, requestId);
        context.response().putHeader(RequestIds.HEADER, requestId);

        Optional<ApiKeyGrant> grant = apiKey(request.getHeader(HttpHeaders.AUTHORIZATION)).flatMap(keys::authenticate);
        if (grant.isEmpty()) {
            respond(context, new Problem(typeOf("unauthorized"), "Unauthorized", 401,
                    "A valid API key is required: send it as 'Authorization: ApiKey <key>'.", requestId, null),
                    Map.of("WWW-Authenticate", "ApiKey"));
            return;
        }
        Optional<URI> upstream = routes.upstreamFor(request.path());
        if (upstream.isEmpty()) {
            respond(context, new Problem(typeOf("not-found"), "Not Found", 404,
                    "There is no resource at this path.", requestId, null), Map.of());
            return;
        }
        request.headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.tokenFor(grant.get()));
        proxies.computeIfAbsent(upstream.get(), origin -> proxyTo(origin, client)).handle(request);
    }

    private HttpProxy proxyTo(URI origin, HttpClient client) {
        return HttpProxy.reverseProxy(client)
                .origin(origin.getPort(), origin.getHost())
                .addInterceptor(new UnavailableUpstream());
    }

    private static Optional<String> apiKey(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, API_KEY_SCHEME, 0, API_KEY_SCHEME.length())) {
            return Optional.empty();
        }
        String key = authorization.substring(API_KEY_SCHEME.length()).trim();
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    private void respond(RoutingContext context, Problem problem, Map<String, String> headers) {
        var response = context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        headers.forEach(response::putHeader);
        response.end(json(problem));
    }

    private String json(Problem problem) {
        try {
            return objectMapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is always serialisable", e);
        }
    }

    private static String typeOf(String slug) {
        return Problem.of(0, slug, "", null, null).type();
    }

    /** A service that cannot be reached gives a prompt 503 problem instead of the proxy's bare 502. */
    private final class UnavailableUpstream implements ProxyInterceptor {
        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext proxyContext) {
            return proxyContext.sendRequest().recover(failure -> {
                String requestId = proxyContext.request().headers().get(RequestIds.HEADER);
                var problem = new Problem(typeOf("service-unavailable"), "Service Unavailable", 503,
                        "The service behind this path is not reachable; retry later.", requestId, null);
                ProxyResponse response = proxyContext.request().response()
                        .setStatusCode(503)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader("Retry-After", "5")
                        .setBody(Body.body(Buffer.buffer(json(problem))));
                return Future.succeededFuture(response);
            });
        }
    }
}
