package io.fluentkafka.worker.helm;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;

/**
 * Parses rendered manifests into typed objects and refuses anything Kubernetes would not take as written: a field the
 * type does not have, a scalar of the wrong type ("3" for an integer, 3 for a string), an apiVersion other than the one the chart
 * targets. fabric8's kubernetes-model types keep unknown fields in {@code additionalProperties} through a Jackson
 * any-setter; this mapper ignores any-setters, so an unknown field fails the parse instead.
 *
 * <p>The custom resources (KEDA's ScaledObject and TriggerAuthentication, Prometheus Operator's ServiceMonitor) are not
 * in kubernetes-model; {@link CustomResourceShapes} declares the subset of their schemas the chart uses, read with the
 * same mapper: a structural check of the fields the chart renders, not a validation against the operators' CRDs.
 */
final class StrictManifests {

    /** Every kind the chart may render, with the apiVersion it must carry and its type. */
    static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("ConfigMap", new Kind("v1", ConfigMap.class)),
            Map.entry("Service", new Kind("v1", Service.class)),
            Map.entry("ServiceAccount", new Kind("v1", ServiceAccount.class)),
            Map.entry("Deployment", new Kind("apps/v1", Deployment.class)),
            Map.entry("PodDisruptionBudget", new Kind("policy/v1", PodDisruptionBudget.class)),
            Map.entry("HorizontalPodAutoscaler", new Kind("autoscaling/v2", HorizontalPodAutoscaler.class)),
            Map.entry("NetworkPolicy", new Kind("networking.k8s.io/v1", NetworkPolicy.class)),
            Map.entry("Ingress", new Kind("networking.k8s.io/v1", Ingress.class)),
            Map.entry("ScaledObject", new Kind("keda.sh/v1alpha1", CustomResourceShapes.ScaledObject.class)),
            Map.entry("TriggerAuthentication", new Kind("keda.sh/v1alpha1", CustomResourceShapes.TriggerAuthentication.class)),
            Map.entry("ServiceMonitor", new Kind("monitoring.coreos.com/v1", CustomResourceShapes.ServiceMonitor.class)));

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .annotationIntrospector(new IgnoringAnySetters())
            .withCoercionConfig(LogicalType.Textual, textual -> textual
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    record Kind(String apiVersion, Class<?> type) {
    }

    private StrictManifests() {
    }

    /**
     * The object as its kind's type.
     *
     * @throws IllegalArgumentException naming the kind and the offending field, for an unknown kind or apiVersion, an
     *     unknown field or a wrongly typed value
     */
    static Object parse(Map<String, Object> manifest) {
        Kind kind = KINDS.get(String.valueOf(manifest.get("kind")));
        if (kind == null) {
            throw new IllegalArgumentException("a kind the chart should not render: " + manifest.get("kind"));
        }
        if (!kind.apiVersion().equals(manifest.get("apiVersion"))) {
            throw new IllegalArgumentException(manifest.get("kind") + " has apiVersion " + manifest.get("apiVersion")
                    + ", expected " + kind.apiVersion());
        }
        try {
            return MAPPER.convertValue(manifest, kind.type());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(manifest.get("kind") + ": " + e.getMessage(), e);
        }
    }

    /** Jackson's own introspector, except that no method or field is an any-setter. */
    private static final class IgnoringAnySetters extends JacksonAnnotationIntrospector {

        @Override
        public Boolean hasAnySetter(Annotated annotated) {
            return Boolean.FALSE;
        }
    }
}
