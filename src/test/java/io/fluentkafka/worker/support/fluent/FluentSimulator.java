package io.fluentkafka.worker.support.fluent;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Fluent Commerce API on {@code http://127.0.0.1:<random port>}: {@code POST /oauth/token},
 * {@code POST /graphql} and the few REST endpoints of {@link RestEndpoint}, as described in docs/fluent-api.md,
 * with faults that tests switch at run time.
 * Every method is thread-safe and takes effect for the next request. Token expiry runs on the wall clock.
 * Requests are recorded on arrival; latency, outage and the {@code /graphql} faults then apply before the
 * bearer token is checked, as a gateway in front of Fluent would answer.
 *
 * <pre>{@code
 * try (FluentSimulator fluent = FluentSimulator.start()) {
 *     fluent.failNextGraphQl(2, 503);
 *     // point the client at fluent.baseUrl() with fluent.account()
 * }
 * }</pre>
 */
public final class FluentSimulator implements AutoCloseable {

    private final SimulatorAccount account;
    private final TokenStore tokens;
    private final FaultPlan faults = new FaultPlan();
    private final FaultPlan restFaults = new FaultPlan();
    private final RequestLog log = new RequestLog();
    private final CustomerStore customers = new CustomerStore();
    private final ProductStore products = new ProductStore();
    private final OrderStore orders = new OrderStore();
    private final SimulatorWebhooks webhooks;
    private final OrderFetchers orderFetchers;
    private final CustomerFetchers customerFetchers;
    private final ProductFetchers productFetchers;
    private final GraphQlEndpoint graphQl;
    private final RestEndpoint rest;
    private final AccountProfile profile;
    private final SimulatorServer server;

    private FluentSimulator(SimulatorAccount account, Clock clock) {
        this.account = account;
        this.tokens = new TokenStore(clock);
        this.profile = new AccountProfile(account);
        this.webhooks = new SimulatorWebhooks(account);
        this.productFetchers = new ProductFetchers(products, clock);
        this.customerFetchers = new CustomerFetchers(customers, profile, clock);
        this.orderFetchers = new OrderFetchers(orders, customers, customerFetchers, profile, clock, webhooks);
        SimulatorGraphQl engine = new SimulatorGraphQl(customerFetchers, productFetchers,
                new ProductUpdateFetchers(products, productFetchers, clock), orderFetchers, profile);
        this.graphQl = new GraphQlEndpoint(tokens, engine);
        this.rest = new RestEndpoint(tokens, clock);
        this.server = new SimulatorServer(log, faults, restFaults, new TokenEndpoint(profile, tokens), graphQl, rest, webhooks);
    }

    /** Starts with {@link SimulatorAccount#defaults()}. */
    public static FluentSimulator start() {
        return start(SimulatorAccount.defaults());
    }

    public static FluentSimulator start(SimulatorAccount account) {
        return new FluentSimulator(account, Clock.systemUTC());
    }

    /** Scheme, host and port, without a trailing slash, e.g. {@code http://127.0.0.1:54321}. */
    public URI baseUrl() {
        return server.baseUrl();
    }

    public SimulatorAccount account() {
        return account;
    }

    /** Stops the server at once; requests still held by latency or a hang are dropped unanswered, webhooks unsent. */
    @Override
    public void close() {
        webhooks.close();
        server.close();
    }

    /**
     * From now on, posts Fluent's webhooks about orders to {@code url} (e.g. {@code http://localhost:8080/webhooks/fluent}),
     * as a workflow's {@code SendWebhook} rule would: {@code OrderCreated} after {@code createOrder} and
     * {@code createOrderAndCustomer}, {@code OrderStatusChanged} after an {@code updateOrder} that changed the status,
     * {@code OrderUpdated} after any other. Each is posted after the mutation's answer, signed with
     * {@link #webhookPublicKey()}'s private key in both headers, and retried as Fluent retries (immediately, after 2 s,
     * after 4 s) while not answered 2xx. A null url stops posting. Off after start; {@link #reset()} keeps it.
     */
    public void postWebhooksTo(URI url) {
        webhooks.target(url);
    }

    /** The public key that verifies the webhooks' signatures, as Fluent hands it out: base64 X.509, no PEM armour. */
    public String webhookPublicKey() {
        return webhooks.signer().publicKeyBase64();
    }

    /** Signs webhooks with {@code signer}'s key from now on (a key rotation); {@link WebhookSigner#shared()} after start. */
    public void webhookSigner(WebhookSigner signer) {
        webhooks.signer(signer);
    }

    /** The waits before each retry of a webhook not answered 2xx; immediately, 2 s and 4 s after start and reset. */
    public void webhookRetryDelays(Duration... delays) {
        webhooks.retryDelays(List.of(delays));
    }

    /** Every attempt to post a webhook so far, in the order the answers came. */
    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    /** The access-token lifetime, and {@code expires_in}, of tokens issued from now on; default one day. */
    public void tokenLifetime(Duration lifetime) {
        tokens.lifetime(lifetime);
    }

    /** Every access and refresh token issued so far is expired from now on; a new password grant still works. */
    public void expireAllTokens() {
        tokens.expireAll();
    }

    /**
     * When on, an expired token on {@code /graphql} answers HTTP 200 with the GraphQL error
     * {@code {"message":"Access token expired: <token>","extensions":{"code":"S0040E"}}} instead of HTTP 401.
     */
    public void expiredTokenInBody(boolean on) {
        graphQl.expiredTokenInBody(on);
    }

    /** Every access and refresh token ever issued, in issue order, so tests can check no log shows one. */
    public List<String> issuedTokens() {
        return tokens.issuedTokens();
    }

    /** Delay added before every {@code /oauth/token} and {@code /graphql} answer, faults included. */
    public void latency(Duration perRequest) {
        faults.latency(perRequest);
    }

    /** The next {@code count} {@code /graphql} requests answer {@code httpStatus} (4xx or 5xx) with a JSON body. */
    public void failNextGraphQl(int count, int httpStatus) {
        faults.failNext(count, httpStatus);
    }

    /**
     * Every {@code /graphql} request whose body contains {@code value} (e.g. one customer's email) answers
     * {@code httpStatus}, until {@link #reset()} or a null value; others, the worker's probe included, are answered
     * as usual. Used up by no request, and uses up no counted fault.
     */
    public void failGraphQlContaining(String value, int httpStatus) {
        faults.failContaining(value, httpStatus);
    }

    /** The next {@code count} {@code /graphql} requests answer 429 with {@code Retry-After} in seconds, rounded up. */
    public void throttleNextGraphQl(int count, Duration retryAfter) {
        faults.throttleNext(count, retryAfter);
    }

    /** The next {@code count} {@code /graphql} requests are held for {@code hang}, then answer 504. */
    public void hangNextGraphQl(int count, Duration hang) {
        faults.hangNext(count, hang);
    }

    /**
     * Per-request probabilities of a random 503, a 429 with {@code Retry-After: 1}, or a hang of {@code hang}
     * followed by 504. They must sum to at most 1; all zero switches random faults off. Counted faults
     * ({@code failNext...}, {@code throttleNext...}, {@code hangNext...}) are used up first.
     */
    public void faultRates(double serverErrorRate, double throttleRate, double timeoutRate, Duration hang) {
        faults.rates(serverErrorRate, throttleRate, timeoutRate, hang);
    }

    /** While down, every path, the token endpoint included, answers 503. */
    public void outage(boolean down) {
        faults.outage(down);
    }

    /** The next {@code count} REST requests ({@code /api/v4.1/**}) answer {@code httpStatus} (4xx or 5xx). */
    public void failNextRest(int count, int httpStatus) {
        restFaults.failNext(count, httpStatus);
    }

    /** The next {@code count} REST requests answer 429 with {@code Retry-After} in seconds, rounded up. */
    public void throttleNextRest(int count, Duration retryAfter) {
        restFaults.throttleNext(count, retryAfter);
    }

    /** Whether {@code me} shows the account's retailer as {@code primaryRetailer} (the default) or null. */
    public void primaryRetailer(boolean shown) {
        profile.hasPrimaryRetailer(shown);
    }

    /** Every event posted to {@code /api/v4.1/event/async} or {@code /sync}, in arrival order, as sent. */
    public List<Map<String, Object>> events() {
        return rest.events();
    }

    /** The {@code eventStatus} sync events answer with from now on (COMPLETE after start and reset), e.g. NO_MATCH. */
    public void syncEventStatus(String status) {
        rest.syncEventStatus(status);
    }

    /** While on, sync events answer HTTP 404 "No workflow rule matched this event", as Fluent's SDK shows. */
    public void syncEventsMatchNoRule(boolean on) {
        rest.syncEventsMatchNoRule(on);
    }

    /** The quantity inventory batches last set for the position, if any did. */
    public Optional<Integer> inventory(String retailerId, String catalogueRef, String locationRef, String skuRef) {
        return rest.jobs().inventory().qty(retailerId, catalogueRef, locationRef, skuRef);
    }

    /**
     * Every quantity inventory batches set the position to, in the order Fluent applied them: a position sent again
     * (a batch repeated after a crash) shows each time. Empty when none did.
     */
    public List<Integer> inventoryHistory(String retailerId, String catalogueRef, String locationRef, String skuRef) {
        return rest.jobs().inventory().history(retailerId, catalogueRef, locationRef, skuRef);
    }

    /** How many distinct positions inventory batches have set. */
    public int inventoryPositions() {
        return rest.jobs().inventory().positions();
    }

    /** Every inventory entity batches carried, repeats included. */
    public long inventoryEntitiesReceived() {
        return rest.jobs().inventory().positionsReceived();
    }

    /** Every job created ({@code jobId}, {@code name}, {@code status}, {@code retailerId}, {@code createdOn}). */
    public List<Map<String, Object>> jobs() {
        return rest.jobs().jobs();
    }

    /** How many batches Fluent accepted. */
    public int batchCount() {
        return rest.jobs().batchCount();
    }

    /** Closes every job, as Fluent does at midnight UTC: batches into them answer 400, and GET shows status CLOSED. */
    public void closeJobs() {
        rest.jobs().closeJobs();
    }

    /**
     * From now on a batch shows COMPLETE (with its counts) from its {@code reads}-th read on; before, PENDING, then
     * RUNNING. 2 after start and reset: PENDING, then COMPLETE.
     */
    public void batchesCompleteAfterReads(int reads) {
        rest.jobs().batchesCompleteAfterReads(reads);
    }

    /** While on, reads show every batch RUNNING, as a Fluent whose batch processing is stuck. */
    public void holdBatchesRunning(boolean on) {
        rest.jobs().holdBatchesRunning(on);
    }

    /** Adds a product catalogue; {@code PC:MASTER:1} always exists after start and reset. */
    public void addCatalogue(String ref) {
        products.addCatalogue(ref);
    }

    /** The stored customer as the GraphQL {@code Customer} type shapes it; unmodifiable. */
    public Optional<Map<String, Object>> customerByUsername(String username) {
        return customers.byUsername(username);
    }

    /**
     * Adds a customer of the account's retailer, as {@code createCustomer} would with these values, timezone UTC and
     * no promotions; returns it shaped like the GraphQL {@code Customer} type, or empty when the username is taken.
     */
    public Optional<Map<String, Object>> addCustomer(String username, String primaryEmail, String firstName) {
        return customerFetchers.add(Map.of("username", username, "primaryEmail", primaryEmail, "firstName", firstName,
                "timezone", "UTC", "promotionOptIn", false));
    }

    /** The stored product as the GraphQL {@code StandardProduct} type shapes it; unmodifiable. */
    public Optional<Map<String, Object>> product(String catalogueRef, String ref) {
        return products.find(ProductStore.Type.STANDARD_PRODUCT, catalogueRef, ref);
    }

    /**
     * Adds a variant product (and its catalogue, if new), as {@code createVariantProduct} would; returns it shaped like
     * the GraphQL {@code VariantProduct} type, or empty when the catalogue already holds a variant with the ref.
     */
    public Optional<Map<String, Object>> addVariantProduct(String catalogueRef, String ref, String name, String gtin) {
        return productFetchers.addVariant(catalogueRef, ref, name, gtin);
    }

    /** Adds a standard product (and its catalogue, if new), as {@code createStandardProduct} would; empty when it exists. */
    public Optional<Map<String, Object>> addStandardProduct(String catalogueRef, String ref, String name, String gtin) {
        return productFetchers.addStandard(catalogueRef, ref, name, gtin);
    }

    /** The stored variant product as the GraphQL {@code VariantProduct} type shapes it; unmodifiable. */
    public Optional<Map<String, Object>> variantProduct(String catalogueRef, String ref) {
        return products.find(ProductStore.Type.VARIANT_PRODUCT, catalogueRef, ref);
    }

    /** While on, {@code variantProduct} answers null next to error C0020E (missing permission VARIANTPRODUCT_VIEW). */
    public void denyVariantProductReads(boolean denied) {
        productFetchers.denyVariantReads(denied);
    }

    /**
     * While on, {@code Retailer.tradingName} answers null next to error C0020E (missing permission RETAILER_VIEW) wherever
     * it is selected, e.g. under {@code createCustomer { retailer }}: the answer keeps its data and carries the error.
     */
    public void denyRetailerTradingName(boolean denied) {
        profile.denyTradingName(denied);
    }

    /** The order with this ref, as the simulator stores it. */
    public Optional<Map<String, Object>> order(String ref) {
        return orders.byRef(ref);
    }

    /** Stores an order of this ref and type, without customer or items; empty when the ref is taken. */
    /** Adds a customer of a retailer other than the account's, as another brand on the same Fluent account would have. */
    public Optional<Map<String, Object>> addCustomerOfRetailer(String username, String retailerId) {
        return customerFetchers.add(Map.of("username", username, "primaryEmail", username, "firstName", "Other",
                "timezone", "UTC", "promotionOptIn", false, "otherRetailerId", retailerId));
    }

    public Optional<Map<String, Object>> addOrder(String ref, String type) {
        return orderFetchers.add(ref, type);
    }

    public int orderCount() {
        return orders.count();
    }

    public int customerCount() {
        return customers.count();
    }

    public int productCount() {
        return products.count();
    }

    /**
     * Back to the state after start: no customers, products, orders, events or jobs (the default catalogue again), sync
     * events COMPLETE, no faults, no latency, no recorded requests, the default token lifetime, 401 for expired tokens and the
     * primary retailer shown with its trading name, no webhook deliveries and Fluent's retry delays. The account and the
     * webhook target and key stay, and tokens issued so far stay valid until their own expiry.
     */
    public void reset() {
        customers.clear();
        products.clear();
        orders.clear();
        productFetchers.denyVariantReads(false);
        rest.clear();
        faults.clear();
        restFaults.clear();
        profile.hasPrimaryRetailer(true);
        profile.denyTradingName(false);
        log.clear();
        tokens.lifetime(TokenStore.DEFAULT_LIFETIME);
        graphQl.expiredTokenInBody(false);
        webhooks.clear();
    }

    /** Every request in arrival order, recorded before latency and faults were applied. */
    public List<RecordedRequest> requests() {
        return log.all();
    }

    public List<RecordedRequest> graphQlRequests() {
        return log.onPath(RequestLog.GRAPHQL_PATH);
    }

    /** Requests to the REST APIs ({@code /api/v4.1/**}), in arrival order. */
    public List<RecordedRequest> restRequests() {
        return log.all().stream().filter(request -> request.path().startsWith(RestEndpoint.PREFIX)).toList();
    }

    public List<RecordedRequest> tokenRequests() {
        return log.onPath(RequestLog.TOKEN_PATH);
    }

    public void clearRecordedRequests() {
        log.clear();
    }
}
