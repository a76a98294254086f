{{- /*
Refuses value combinations that render valid YAML but a broken or misleading deployment. Outputs nothing; included
once, from deployment.yaml. Each message names the values to change.
*/ -}}
{{- define "fluent-kafka-worker.validate" -}}
{{- $kafka := .Values.kafka -}}
{{- $sasl := hasPrefix "SASL_" $kafka.securityProtocol -}}
{{- $tls := has $kafka.securityProtocol (list "SSL" "SASL_SSL") -}}
{{- if and $sasl (not $kafka.saslMechanism) -}}
{{- fail (printf "kafka.saslMechanism is required with kafka.securityProtocol %s: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512" $kafka.securityProtocol) -}}
{{- end -}}
{{- if and $sasl (not $kafka.existingSecret) -}}
{{- fail (printf "kafka.existingSecret is required with kafka.securityProtocol %s: an existing Secret holding the sasl.jaas.config line" $kafka.securityProtocol) -}}
{{- end -}}
{{- if and (not $sasl) (or $kafka.saslMechanism $kafka.existingSecret) -}}
{{- fail "kafka.saslMechanism and kafka.existingSecret need kafka.securityProtocol SASL_PLAINTEXT or SASL_SSL: the client would ignore them" -}}
{{- end -}}
{{- if and (not $tls) (or $kafka.tls.truststore.existingSecret $kafka.tls.keystore.existingSecret) -}}
{{- fail "kafka.tls.truststore and kafka.tls.keystore need kafka.securityProtocol SSL or SASL_SSL: the client would ignore them" -}}
{{- end -}}
{{- /* Kafka refuses a store password with a PEM store at start; the PEM keystore's private key may still have one */ -}}
{{- range $name := list "truststore" "keystore" -}}
{{- $store := get $kafka.tls $name -}}
{{- if and $store.existingSecret (eq $store.type "PEM") $store.passwordKey -}}
{{- fail (printf "kafka.tls.%s.passwordKey must be \"\" with kafka.tls.%s.type PEM: Kafka refuses a store password for a PEM store%s" $name $name (ternary " (an encrypted private key's password goes in keyPasswordKey)" "" (eq $name "keystore"))) -}}
{{- end -}}
{{- end -}}
{{- $scaling := .Values.autoscaling -}}
{{- if and $scaling.hpa.enabled $scaling.keda.enabled -}}
{{- fail "autoscaling.hpa.enabled and autoscaling.keda.enabled are both true: enable one; KEDA creates its own HPA and the two would fight over the replica count" -}}
{{- end -}}
{{- if or $scaling.hpa.enabled $scaling.keda.enabled -}}
{{- if gt (int $scaling.maxReplicas) (int $scaling.commandTopicPartitions) -}}
{{- fail (printf "autoscaling.maxReplicas (%v) exceeds autoscaling.commandTopicPartitions (%v): pods beyond the partition count get no partition and sit idle" $scaling.maxReplicas $scaling.commandTopicPartitions) -}}
{{- end -}}
{{- if gt (int $scaling.minReplicas) (int $scaling.maxReplicas) -}}
{{- fail (printf "autoscaling.minReplicas (%v) exceeds autoscaling.maxReplicas (%v)" $scaling.minReplicas $scaling.maxReplicas) -}}
{{- end -}}
{{- end -}}
{{- if and $scaling.hpa.enabled (not (dig "requests" "cpu" "" .Values.resources)) -}}
{{- fail "autoscaling.hpa needs resources.requests.cpu: CPU utilisation is measured against it" -}}
{{- end -}}
{{- if $scaling.keda.enabled -}}
{{- $auth := $scaling.keda.auth -}}
{{- if and $sasl (not (and $auth.existingSecret $auth.secretKeys.username $auth.secretKeys.password)) -}}
{{- fail "autoscaling.keda.auth.existingSecret with secretKeys.username and secretKeys.password is required with a SASL kafka.securityProtocol: KEDA's Kafka client cannot read the worker's JAAS line" -}}
{{- end -}}
{{- if and $kafka.tls.truststore.existingSecret (not (and $auth.existingSecret $auth.secretKeys.ca)) -}}
{{- fail "autoscaling.keda.auth.existingSecret with secretKeys.ca (PEM) is required with kafka.tls.truststore.existingSecret: KEDA's Kafka client cannot read a Java truststore and, trusting only its default CAs, could not read the lag" -}}
{{- end -}}
{{- if and $kafka.tls.keystore.existingSecret (not (and $auth.existingSecret $auth.secretKeys.cert $auth.secretKeys.key)) -}}
{{- fail "autoscaling.keda.auth.existingSecret with secretKeys.cert and secretKeys.key (PEM) is required with kafka.tls.keystore: KEDA's Kafka client cannot read a Java keystore" -}}
{{- end -}}
{{- end -}}
{{- $policy := .Values.networkPolicy -}}
{{- $kafkaEgress := $policy.egress.kafka -}}
{{- if and $policy.enabled (not (or $kafkaEgress.cidrs $kafkaEgress.namespaceSelector $kafkaEgress.podSelector)) -}}
{{- fail "networkPolicy.egress.kafka needs cidrs, namespaceSelector or podSelector with networkPolicy.enabled: where the Kafka brokers are, or the worker could not reach them" -}}
{{- end -}}
{{- if and $policy.enabled .Values.serviceMonitor.enabled (not $policy.ingressNamespaces) -}}
{{- fail "networkPolicy.ingressNamespaces is empty with networkPolicy.enabled and serviceMonitor.enabled: the policy would keep Prometheus from scraping /prometheus; name its namespace, e.g. [monitoring]" -}}
{{- end -}}
{{- $webhooks := .Values.webhooks -}}
{{- range $name := list "publicKey" "previousPublicKey" -}}
{{- $source := get $webhooks $name -}}
{{- if and $source.existingSecret $source.existingConfigMap -}}
{{- fail (printf "webhooks.%s.existingSecret and webhooks.%s.existingConfigMap are both set: name one, the Secret or the ConfigMap holding the key" $name $name) -}}
{{- end -}}
{{- end -}}
{{- if and $webhooks.enabled (not (or $webhooks.publicKey.existingSecret $webhooks.publicKey.existingConfigMap)) -}}
{{- fail "webhooks.publicKey.existingSecret or webhooks.publicKey.existingConfigMap is required with webhooks.enabled: the Secret or ConfigMap holding Fluent's public key (under webhooks.publicKey.key), without which the worker cannot verify a webhook's signature" -}}
{{- end -}}
{{- $ingress := $webhooks.ingress -}}
{{- if $ingress.enabled -}}
{{- if not $webhooks.enabled -}}
{{- fail "webhooks.ingress.enabled needs webhooks.enabled: the Ingress would route Fluent to an endpoint the worker does not serve" -}}
{{- end -}}
{{- if not $ingress.host -}}
{{- fail "webhooks.ingress.host is required with webhooks.ingress.enabled: the public host name Fluent calls, e.g. webhooks.example.com" -}}
{{- end -}}
{{- if and $policy.enabled (not $ingress.controllerNamespaces) -}}
{{- fail "webhooks.ingress.controllerNamespaces is empty with networkPolicy.enabled and webhooks.ingress.enabled: the policy would keep the ingress controller, and so Fluent, from the webhook endpoint; name its namespace, e.g. [ingress-nginx]" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
KEDA's name for kafka.saslMechanism (its kafka scaler's sasl parameter); "none" without SASL.
*/}}
{{- define "fluent-kafka-worker.kedaSasl" -}}
{{- $mechanisms := dict "PLAIN" "plaintext" "SCRAM-SHA-256" "scram_sha256" "SCRAM-SHA-512" "scram_sha512" -}}
{{- if hasPrefix "SASL_" .Values.kafka.securityProtocol -}}
{{- get $mechanisms .Values.kafka.saslMechanism -}}
{{- else -}}
none
{{- end -}}
{{- end -}}
