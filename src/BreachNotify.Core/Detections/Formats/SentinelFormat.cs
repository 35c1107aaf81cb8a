using System.Text.Json;

namespace BreachNotify.Detections.Formats;

/// <summary>
/// Microsoft Sentinel incidents: the automation-rule / Logic App payload (<c>{ object: incident, relatedEntities: [] }</c>)
/// and the bare incident resource of the REST API (<c>{ name, properties }</c>).
/// </summary>
/// <remarks>
/// The id is the incident resource <c>name</c> (its GUID), which stays the same through every update; the
/// <c>incidentNumber</c> is per workspace only and is kept as evidence. Entities are read from the payload's
/// <c>relatedEntities</c> and from <c>properties.relatedEntities</c>, where the Logic App trigger puts them.
/// </remarks>
public sealed class SentinelFormat : IDetectionFormat
{
    public string Name => DetectionFormats.Sentinel;

    public bool Recognizes(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (item.At("object") is { ValueKind: JsonValueKind.Object } wrapped)
        {
            return wrapped.At("properties") is { ValueKind: JsonValueKind.Object };
        }

        // A bare incident: an ARM resource whose properties look like an incident's.
        return item.At("properties") is { ValueKind: JsonValueKind.Object } properties
            && properties.At("title") is not null
            && (properties.At("incidentNumber") is not null
                || (item.Text("type") ?? "").EndsWith("/Incidents", StringComparison.OrdinalIgnoreCase));
    }

    public DetectionParseResult Parse(JsonElement item, string source, string path)
    {
        var draft = new DetectionDraft(path);
        var wrapped = item.At("object") is { ValueKind: JsonValueKind.Object };
        var prefix = wrapped ? "object." : "";
        var incident = wrapped ? item.At("object")!.Value : item;

        if (incident.At("properties") is not { ValueKind: JsonValueKind.Object } properties)
        {
            return DetectionParseResult.Invalid(draft.FieldPath($"{prefix}properties"), "required: the incident's properties object");
        }

        // A payload without name still carries the ARM id, whose last segment is the same GUID.
        var sourceId = incident.At("name") is null && incident.Text("id") is { } resourceId && LastSegment(resourceId) is { Length: > 0 } fromId
            ? fromId
            : draft.RequiredId(item, $"{prefix}name");
        var title = draft.OptionalText(item, $"{prefix}properties.title", JsonFields.MaxTitleLength);
        if (title is null)
        {
            draft.Error($"{prefix}properties.title", "required: a non-empty string");
        }

        draft.Description = draft.OptionalText(item, $"{prefix}properties.description", JsonFields.MaxTextLength);
        draft.DetectedAt = draft.OptionalTime(item, $"{prefix}properties.createdTimeUtc");
        draft.SourceStatus = draft.OptionalText(item, $"{prefix}properties.status", 64);

        if (draft.OptionalText(item, $"{prefix}properties.severity", 64) is { } severityText)
        {
            draft.Severity = JsonFields.Severity(severityText);
            if (draft.Severity == DetectionSeverity.Unknown)
            {
                draft.Error($"{prefix}properties.severity", "must be one of Informational, Low, Medium, High");
            }
        }

        if (draft.OptionalTime(item, $"{prefix}properties.firstActivityTimeUtc") is { } firstActivity)
        {
            draft.Evidence("firstActivityTimeUtc", firstActivity.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var label in properties.Objects("labels"))
        {
            draft.Category(label.Text("labelName"));
        }

        draft.Categories(properties.Strings("additionalData.tactics"));
        draft.Categories(properties.Strings("additionalData.techniques"));

        draft.Evidence("incidentNumber", properties.Text("incidentNumber"));
        draft.Evidence("providerIncidentId", properties.Text("providerIncidentId"));
        draft.Evidence("providerName", properties.Text("providerName"));
        draft.Evidence("classification", properties.Text("classification"));
        draft.Evidence("classificationReason", properties.Text("classificationReason"));
        draft.Evidence("incidentUrl", properties.Text("incidentUrl"));
        draft.Evidence("workspace", item.Text("workspaceInfo.WorkspaceName"));

        foreach (var entity in item.Objects("relatedEntities").Concat(properties.Objects("relatedEntities")))
        {
            ReadEntity(entity, draft);
        }

        return draft.Result(source, Name, sourceId, title);
    }

    /// <summary>One entity by kind: assets are what was hit; accounts and mailboxes' owners are people, kept as evidence.</summary>
    private static void ReadEntity(JsonElement entity, DetectionDraft draft)
    {
        var p = entity.At("properties") is { ValueKind: JsonValueKind.Object } properties ? properties : entity;
        switch ((entity.Text("kind") ?? "").ToLowerInvariant())
        {
            case "host":
                var hostName = p.Text("hostName");
                draft.Asset(hostName);
                if (hostName is not null && p.Text("dnsDomain") is { } domain)
                {
                    draft.Asset($"{hostName}.{domain}");
                }

                draft.Asset(p.Text("netBiosName"));
                draft.Asset(p.Text("azureID"));
                break;
            case "fileshare":
                draft.Asset(p.Text("friendlyName"));
                draft.Asset(p.Text("shareName"));
                break;
            case "azureresource":
                draft.Asset(p.Text("resourceId"));
                break;
            case "ip":
                draft.Asset(p.Text("address"));
                break;
            case "url":
                draft.Url("url", p.Text("url"));
                break;
            case "dns":
            case "dnsresolution":
                draft.Asset(p.Text("domainName"));
                break;
            case "cloudapplication":
                draft.Asset(p.Text("name") ?? p.Text("appName"));
                draft.Asset(p.Text("instanceName"));
                break;
            case "mailbox":
                draft.Asset(p.Text("mailboxPrimaryAddress"));
                draft.Evidence("mailbox.upn", p.Text("upn"));
                break;
            case "blob":
            case "blobcontainer":
                draft.Asset(p.Text("name"));
                draft.Asset(p.Text("storageResource"));
                draft.Url("url", p.Text("url"));
                break;
            case "iotdevice":
                draft.Asset(p.Text("deviceName"));
                draft.Asset(p.Text("deviceId"));
                break;
            case "file":
                var file = p.Text("fileName");
                var directory = p.Text("directory");
                draft.Evidence("file.path", directory is not null && file is not null ? $"{directory.TrimEnd('\\', '/')}/{file}" : file);
                break;
            case "account":
                var account = p.Text("accountName");
                draft.Evidence("user.name", account is not null && p.Text("upnSuffix") is { } suffix ? $"{account}@{suffix}" : account);
                draft.Evidence("user.aadUserId", p.Text("aadUserId"));
                break;
            default:
                break;
        }
    }

    private static string LastSegment(string resourceId)
    {
        var trimmed = resourceId.TrimEnd('/');
        return JsonFields.Clean(trimmed[(trimmed.LastIndexOf('/') + 1)..], JsonFields.MaxIdLength);
    }
}
