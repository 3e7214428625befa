{{/* To'liq nom: reliz nomi va chart nomi */}}
{{- define "dokon-bot.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
