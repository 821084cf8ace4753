{{/* The chart's name, or nameOverride. */}}
{{- define "stepflow.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's objects' name: fullnameOverride, else <release>-<chart> (once when the release already names the chart). */}}
{{- define "stepflow.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "stepflow.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "stepflow.selectorLabels" -}}
app.kubernetes.io/name: {{ include "stepflow.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "stepflow.labels" -}}
helm.sh/chart: {{ include "stepflow.chart" . }}
{{ include "stepflow.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "stepflow.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "stepflow.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "stepflow.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
The service's application.yaml: what the values say, with .Values.config merged over it. Secrets
are not in it: they reach the container as environment variables (deployment.yaml).
*/}}
{{- define "stepflow.applicationConfig" -}}
{{- $kafka := dict "enabled" .Values.connectors.kafka.enabled }}
{{- if .Values.connectors.kafka.enabled }}
{{- $_ := set $kafka "bootstrap-servers" (required "connectors.kafka.bootstrapServers is required when connectors.kafka.enabled" .Values.connectors.kafka.bootstrapServers) }}
{{- $_ := set $kafka "reply-topic" .Values.connectors.kafka.replyTopic }}
{{- $_ := set $kafka "consumer-group" .Values.connectors.kafka.consumerGroup }}
{{- with .Values.connectors.kafka.properties }}
{{- $_ := set $kafka "properties" . }}
{{- end }}
{{- end }}
{{- $sqs := dict "enabled" .Values.connectors.sqs.enabled }}
{{- with .Values.connectors.sqs.endpoint }}
{{- $_ := set $sqs "endpoint" . }}
{{- end }}
{{- with .Values.connectors.sqs.region }}
{{- $_ := set $sqs "region" . }}
{{- end }}
{{- $aws := dict "region" .Values.aws.region "account-id" (toString .Values.aws.accountId) }}
{{- $stepflow := dict "aws" $aws "connectors" (dict "kafka" $kafka "sqs" $sqs) }}
{{- $datasource := dict "url" (required "datasource.url is required: the instances share one PostgreSQL" .Values.datasource.url) "username" .Values.datasource.username }}
{{- $config := dict "stepflow" $stepflow "spring" (dict "datasource" $datasource) }}
{{- if and .Values.aws.allowUnauthenticated (not .Values.aws.credentials.existingSecret) }}
{{- $_ := set $config "server" (dict "address" "0.0.0.0") }}
{{- end }}
{{- toYaml (mustMergeOverwrite $config (deepCopy .Values.config)) }}
{{- end }}
