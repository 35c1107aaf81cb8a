using System.Text.Json;
using BreachNotify.Classification;
using BreachNotify.Detections;
using BreachNotify.Functions.Hosting;
using BreachNotify.Incidents;
using BreachNotify.Notices;

namespace BreachNotify.Functions.Incidents;

/// <summary>
/// The one reading of a commander's decision on an incident: the API's body (<see cref="DecisionRequest"/>) and the console's
/// forms (posted as that body, <see cref="CommanderConsole.DecisionForm"/>) both become a <see cref="CommanderDecision"/> here,
/// or the fields that are wrong (the first group found), with the same messages.
/// </summary>
internal static class DecisionReader
{
    public static (CommanderDecision? Decision, IReadOnlyList<FieldError> Errors) Read(JsonElement body, JsonSerializerOptions options, string commanderId)
    {
        DecisionRequest? request;
        try
        {
            request = body.Deserialize<DecisionRequest>(options);
        }
        catch (JsonException e)
        {
            return (null, [new(JsonBody.FieldName(e.Path ?? "$"), "of the wrong type; see the API reference")]);
        }

        return Read(request, commanderId);
    }

    public static (CommanderDecision? Decision, IReadOnlyList<FieldError> Errors) Read(DecisionRequest? body, string commanderId)
    {
        if (body is null || !DecisionNames.TryParse(body.Decision, out var decision))
        {
            return (null, [new("decision", DecisionNames.OneOf)]);
        }

        var (report, reportErrors) = ReadFinalReport(decision, body.FinalReport);
        if (reportErrors.Count > 0)
        {
            return (null, reportErrors);
        }

        var (edits, editErrors) = ReadEdits(body.Edits);
        if (editErrors.Count > 0)
        {
            return (null, editErrors);
        }

        if (decision == DecisionKind.Edit && edits is null)
        {
            return (null, [new("edits", "required with decision edit: at least one edited field")]);
        }

        if (edits is not null && decision is not (DecisionKind.Edit or DecisionKind.Approve))
        {
            return (null, [new("edits", "only with decision approve or edit")]);
        }

        if (ReadSeverity(decision, body) is { Count: > 0 } severityErrors)
        {
            return (null, severityErrors);
        }

        Verdict? verdict = null;
        if (decision == DecisionKind.Reclassify)
        {
            var errors = new List<FieldError>();
            if (!Enum.TryParse<Verdict>(body.Verdict, true, out var v) || int.TryParse(body.Verdict, out _))
            {
                errors.Add(new("verdict", "one of personalDataBreach, notPersonalDataBreach, needsReview"));
            }

            if (string.IsNullOrWhiteSpace(body.Comment))
            {
                errors.Add(new("comment", "the reason for reclassifying is required"));
            }

            if (errors.Count > 0)
            {
                return (null, errors);
            }

            verdict = v;
        }

        if (body.Comment is { Length: > 4000 })
        {
            return (null, [new("comment", "at most 4000 characters")]);
        }

        return (new CommanderDecision(decision, commanderId, body.Comment, verdict, body.Customers, edits, report, body.Severity), []);
    }

    /// <summary>
    /// What is wrong with an override of the ENISA inputs: it needs at least one input, each in range, and a reason; it is refused
    /// with any other decision. The ranges are the estimator's own (checked here against any derived inputs: they do not depend on them).
    /// </summary>
    private static List<FieldError> ReadSeverity(DecisionKind decision, DecisionRequest body)
    {
        if (decision != DecisionKind.OverrideSeverity)
        {
            return body.Severity is null ? [] : [new("severity", "only with decision override-severity")];
        }

        if (body.Severity is not { } given || SeverityOverridden.Names(given).Count == 0)
        {
            return [new("severity", "required with decision override-severity: at least one of dataType, dataProcessingContext, easeOfIdentification, confidentiality, integrity, availability, maliciousIntent")];
        }

        var derived = BreachNotify.Severity.SeverityEstimator.Derive(new BreachNotify.Classification.Classification { Verdict = Verdict.NeedsReview }, maliciousIntent: true);
        List<FieldError> errors = [.. BreachNotify.Severity.SeverityEstimator.Assess(derived, given).Errors];
        if (string.IsNullOrWhiteSpace(body.Comment))
        {
            errors.Add(new("comment", "the reason for overriding the severity inputs is required"));
        }

        return errors;
    }

    /// <summary>The final report a close needs (both texts, bounded), refused with any other decision.</summary>
    private static (FinalReport? Report, List<FieldError> Errors) ReadFinalReport(DecisionKind decision, FinalReportRequest? body)
    {
        var errors = new List<FieldError>();
        if (decision != DecisionKind.Close)
        {
            if (body is not null)
            {
                errors.Add(new("finalReport", "only with decision close"));
            }

            return (null, errors);
        }

        if (body is null)
        {
            errors.Add(new("finalReport", "required with decision close: rootCause, measuresTaken, dataRecovered"));
            return (null, errors);
        }

        Text(body.RootCause, "finalReport.rootCause", errors);
        Text(body.MeasuresTaken, "finalReport.measuresTaken", errors);
        return errors.Count > 0 ? (null, errors) : (new FinalReport(body.RootCause!.Trim(), body.MeasuresTaken!.Trim(), body.DataRecovered), errors);

        static void Text(string? value, string field, List<FieldError> errors)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(new(field, "required"));
            }
            else if (value.Length > NoticeEdits.MaxFieldLength)
            {
                errors.Add(new(field, $"at most {NoticeEdits.MaxFieldLength} characters"));
            }
        }
    }

    /// <summary>Validates <c>edits</c>: known audiences and fields only (an unknown one is named), strings of at most 4000 characters.</summary>
    private static (NoticeEdits? Edits, List<FieldError> Errors) ReadEdits(JsonElement? edits)
    {
        var errors = new List<FieldError>();
        if (edits is not { } json || json.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return (null, errors);
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("edits", "an object: { \"customer\": { ... }, \"subprocessor\": { ... } }"));
            return (null, errors);
        }

        var read = new Dictionary<string, IReadOnlyDictionary<string, string?>>();
        foreach (var audience in json.EnumerateObject())
        {
            if (!NoticeEdits.Fields.TryGetValue(audience.Name, out var known))
            {
                errors.Add(new($"edits.{audience.Name}", $"unknown audience; one of {string.Join(", ", NoticeEdits.Fields.Keys)}"));
                continue;
            }

            if (audience.Value.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new($"edits.{audience.Name}", $"an object with any of {string.Join(", ", known)}"));
                continue;
            }

            var fields = new Dictionary<string, string?>();
            foreach (var field in audience.Value.EnumerateObject())
            {
                var name = $"edits.{audience.Name}.{field.Name}";
                if (!known.Contains(field.Name))
                {
                    errors.Add(new(name, $"unknown field; one of {string.Join(", ", known)}"));
                }
                else if (field.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    errors.Add(new(name, "a string"));
                }
                else if (field.Value.GetString() is { Length: > NoticeEdits.MaxFieldLength })
                {
                    errors.Add(new(name, $"at most {NoticeEdits.MaxFieldLength} characters"));
                }
                else
                {
                    fields[field.Name] = field.Value.GetString();
                }
            }

            read[audience.Name] = fields;
        }

        var result = NoticeEdits.From(read);
        return errors.Count > 0 || result.IsEmpty ? (null, errors) : (result, errors);
    }
}
