package io.fluentkafka.worker.helm;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;

/**
 * The parts of three custom resources' schemas the chart renders, as records for {@link StrictManifests}: a field not
 * declared here fails the parse, a field marked required must be present. Field names follow KEDA 2.13+
 * (keda.sh/v1alpha1 ScaledObject, TriggerAuthentication) and Prometheus Operator (monitoring.coreos.com/v1
 * ServiceMonitor). This checks structure only: the operators' CRDs are not available here to validate against.
 */
final class CustomResourceShapes {

    /** KEDA's kafka scaler parameters the chart may set in a trigger's metadata. */
    static final List<String> KAFKA_TRIGGER_PARAMETERS = List.of(
            "bootstrapServers", "consumerGroup", "topic", "lagThreshold", "sasl", "tls");

    /** The TriggerAuthentication parameters KEDA's kafka scaler reads. */
    static final List<String> KAFKA_AUTH_PARAMETERS = List.of("username", "password", "ca", "cert", "key");

    private CustomResourceShapes() {
    }

    record ScaledObject(
            @JsonProperty(required = true) String apiVersion,
            @JsonProperty(required = true) String kind,
            @JsonProperty(required = true) ObjectMeta metadata,
            @JsonProperty(required = true) ScaledObjectSpec spec) {
    }

    record ScaledObjectSpec(
            @JsonProperty(required = true) ScaleTargetRef scaleTargetRef,
            @JsonProperty(required = true) int minReplicaCount,
            @JsonProperty(required = true) int maxReplicaCount,
            @JsonProperty(required = true) int pollingInterval,
            @JsonProperty(required = true) int cooldownPeriod,
            @JsonProperty(required = true) List<Trigger> triggers) {
    }

    /** Without apiVersion and kind KEDA targets a Deployment (apps/v1). */
    record ScaleTargetRef(@JsonProperty(required = true) String name) {
    }

    /** KEDA requires metadata values to be strings. */
    record Trigger(
            @JsonProperty(required = true) String type,
            String name,
            @JsonProperty(required = true) Map<String, String> metadata,
            AuthenticationRef authenticationRef) {
    }

    record AuthenticationRef(@JsonProperty(required = true) String name) {
    }

    record TriggerAuthentication(
            @JsonProperty(required = true) String apiVersion,
            @JsonProperty(required = true) String kind,
            @JsonProperty(required = true) ObjectMeta metadata,
            @JsonProperty(required = true) TriggerAuthenticationSpec spec) {
    }

    record TriggerAuthenticationSpec(@JsonProperty(required = true) List<SecretTargetRef> secretTargetRef) {
    }

    record SecretTargetRef(
            @JsonProperty(required = true) String parameter,
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) String key) {
    }

    record ServiceMonitor(
            @JsonProperty(required = true) String apiVersion,
            @JsonProperty(required = true) String kind,
            @JsonProperty(required = true) ObjectMeta metadata,
            @JsonProperty(required = true) ServiceMonitorSpec spec) {
    }

    record ServiceMonitorSpec(
            @JsonProperty(required = true) LabelSelector selector,
            @JsonProperty(required = true) List<Endpoint> endpoints) {
    }

    record Endpoint(
            @JsonProperty(required = true) String port,
            @JsonProperty(required = true) String path,
            String interval,
            String scrapeTimeout) {
    }
}
