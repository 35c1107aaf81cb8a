using System.Text.Json;
using BreachNotify.Classification;
using BreachNotify.Detections;
using BreachNotify.Notices;
using BreachNotify.Parties;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Workflow;
using BreachNotify.Incidents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BreachNotify.Functions.Incidents;

/// <summary>Commanders' API: list, read and decide incidents. Every route needs a commander identity.</summary>
public static class IncidentEndpoints
{
    public static IEndpointRouteBuilder MapIncidents(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/incidents", ListAsync).WithName("IncidentList").ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);
        routes.MapGet("/api/incidents/{id}", ReadAsync).WithName("IncidentRead").ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapPost("/api/incidents/{id}/decision", DecideAsync).WithName("IncidentDecision").ProducesProblem(StatusCodes.Status429TooManyRequests)
            // */* as well, so that routing leaves other media types to the handler's 415 problem (the document shows JSON only).
            .Accepts<DecisionRequest>(Ingest.IngestEndpoints.JsonMediaType, "*/*")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        routes.MapGet("/api/incidents/{id}/notices/preview", PreviewAsync).WithName("NoticePreview").ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/api/incidents/{id}/controller-packs/{customerId}", ControllerPackAsync).WithName("ControllerPack")
            .ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    /// <summary>
    /// One affected customer's controller pack (docs/schemas/controller-pack-v1.schema.json): what it needs for its own
    /// filing, with the time its first notice was sent; 404 for a customer the incident does not affect.
    /// </summary>
    internal static async Task<Results<Ok<BreachNotify.ControllerPacks.ControllerPack>, ProblemHttpResult>> ControllerPackAsync(
        HttpRequest request, string id, string customerId, IncidentStore incidents, NoticeStore notices,
        ProcessorDirectory directory, CancellationToken cancellationToken)
    {
        if (!IncidentId.IsWellFormed(id) || await incidents.LoadAsync(id, cancellationToken) is not { } stored)
        {
            return Problems.Status(404, "No such incident");
        }

        var sent = (await notices.OfPartyAsync(id, nameof(PartyKind.Customer), customerId, cancellationToken)).Select(n => n.SentAt).Where(t => t is not null).Min();
        return new BreachNotify.ControllerPacks.ControllerPackComposer(directory).Compose(stored.State, customerId, sent, stored.State.SeverityOverride) is { } pack
            ? TypedResults.Ok(pack)
            : Problems.Status(404, "No such affected customer", $"the incident affects: {string.Join(", ", stored.State.Classification?.AffectedCustomers.Take(50) ?? [])}");
    }

    internal static async Task<Results<Ok<IReadOnlyList<IncidentSummary>>, ProblemHttpResult>> ListAsync(
        HttpRequest request, string? status, DateTimeOffset? from, DateTimeOffset? to,
        IncidentReader reader, CancellationToken cancellationToken)
    {
        if (status is not null && !Enum.TryParse<IncidentStatus>(status, true, out _))
        {
            return Problems.Status(400, "The request is not valid", $"status: one of {string.Join(", ", Enum.GetNames<IncidentStatus>())}");
        }

        return TypedResults.Ok(await reader.ListAsync(status, from, to, cancellationToken));
    }

    /// <summary>One incident; <c>noticesAfter</c> (a <c>noticesNext</c>) and <c>noticeLimit</c> (1-1,000) page its notices.</summary>
    internal static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> ReadAsync(
        string id, string? noticesAfter, string? noticeLimit, IncidentReader reader, CancellationToken cancellationToken)
    {
        var (page, problem) = NoticePageRequest.Parse(noticesAfter, noticeLimit);
        if (page is null)
        {
            return Problems.Status(400, "The request is not valid", problem);
        }

        if (!IncidentId.IsWellFormed(id) || await reader.ReadAsync(id, page.After, page.Limit, cancellationToken) is not { } view)
        {
            return Problems.Status(404, "No such incident");
        }

        return TypedResults.Ok(view);
    }

    /// <summary>
    /// What is wrong with an override of the ENISA inputs: it needs at least one input, each in range, and a reason; it is refused
    /// with any other decision. The ranges are the estimator's own (checked here against any derived inputs: they do not depend on them).
    /// </summary>
    internal static List<FieldError> ReadSeverity(DecisionKind decision, DecisionRequest body)
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
    internal static (FinalReport? Report, List<FieldError> Errors) ReadFinalReport(DecisionKind decision, FinalReportRequest? body)
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

    internal static async Task<Results<Ok<DecisionAnswer>, ProblemHttpResult>> DecideAsync(
        HttpRequest request, string id, IncidentWorkflow workflow,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        var commanderId = request.HttpContext.User.CommanderId();

        var (body, bodyProblem) = await DecisionBody.ReadAsync(request, json.Value.SerializerOptions, cancellationToken);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        if (body is null || !DecisionNames.TryParse(body.Decision, out var decision))
        {
            return Problems.InvalidFields([new("decision", DecisionNames.OneOf)]);
        }

        var (report, reportErrors) = ReadFinalReport(decision, body.FinalReport);
        if (reportErrors.Count > 0)
        {
            return Problems.InvalidFields(reportErrors);
        }

        var (edits, editErrors) = ReadEdits(body.Edits);
        if (editErrors.Count > 0)
        {
            return Problems.InvalidFields(editErrors);
        }

        if (decision == DecisionKind.Edit && edits is null)
        {
            return Problems.InvalidFields([new("edits", "required with decision edit: at least one edited field")]);
        }

        if (edits is not null && decision is not (DecisionKind.Edit or DecisionKind.Approve))
        {
            return Problems.InvalidFields([new("edits", "only with decision approve or edit")]);
        }

        if (ReadSeverity(decision, body) is { Count: > 0 } severityErrors)
        {
            return Problems.InvalidFields(severityErrors);
        }

        Verdict? verdict = null;
        if (decision == DecisionKind.Reclassify)
        {
            var errors = new List<BreachNotify.Detections.FieldError>();
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
                return Problems.InvalidFields(errors);
            }

            verdict = v;
        }

        if (body.Comment is { Length: > 4000 })
        {
            return Problems.InvalidFields([new("comment", "at most 4000 characters")]);
        }

        if (!IncidentId.IsWellFormed(id))
        {
            return Problems.Status(404, "No such incident");
        }

        var (step, state) = await workflow.HandleAsync(id, new CommanderDecision(decision, commanderId, body.Comment, verdict, body.Customers, edits, report, body.Severity), cancellationToken);
        if (state is null)
        {
            return Problems.Status(404, "No such incident");
        }

        if (step.Refusal is { } refusal)
        {
            return Problems.Status(409, "The decision cannot be taken", refusal);
        }

        return TypedResults.Ok(new DecisionAnswer(id, state.Status.ToString(), !step.IsNothing));
    }

    /// <summary>A notice as it would be sent now (commanders' edits included), for one recipient key such as <c>customer:contoso:0</c>.</summary>
    internal static async Task<Results<Ok<NoticePreviewView>, ProblemHttpResult>> PreviewAsync(
        HttpRequest request, string id, string? recipient, IncidentStore incidents,
        ProcessorDirectory directory, NoticeComposer composer, PublicLinks links, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(recipient))
        {
            return Problems.InvalidFields([new("recipient", "required: a recipient key, kind:partyId:contactIndex (for example customer:contoso:0)")]);
        }

        if (!IncidentId.IsWellFormed(id) || await incidents.LoadAsync(id, cancellationToken) is not { } stored)
        {
            return Problems.Status(404, "No such incident");
        }

        var recipients = RecipientList.Of(directory, stored.State);
        if (recipients.FirstOrDefault(r => r.Key.Equals(recipient.Trim(), StringComparison.OrdinalIgnoreCase)) is not { } found)
        {
            return Problems.Status(404, "No such recipient", $"the incident's recipients: {string.Join(", ", recipients.Take(50).Select(r => r.Key))}");
        }

        return TypedResults.Ok(Preview(stored.State, found, composer, links));
    }

    /// <summary>A notice as it would be sent now to <paramref name="recipient"/>, with a placeholder acknowledgement link (the API's and the console's preview).</summary>
    internal static NoticePreviewView Preview(IncidentState state, Recipient recipient, NoticeComposer composer, PublicLinks links)
    {
        var content = composer.Compose(state, recipient);
        var link = links.Acknowledgement("preview");
        return new NoticePreviewView(
            recipient.Key,
            recipient.Locale,
            content.Subject,
            content.Text.Replace(NoticeContent.AckUrlTag, link, StringComparison.Ordinal),
            content.Html.Replace(NoticeContent.AckUrlTag, link, StringComparison.Ordinal));
    }

    /// <summary>Validates <c>edits</c>: known audiences and fields only (an unknown one is named), strings of at most 4000 characters.</summary>
    internal static (NoticeEdits? Edits, List<FieldError> Errors) ReadEdits(JsonElement? edits)
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
                if (field.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null) && known.Contains(field.Name))
                {
                    errors.Add(new($"edits.{audience.Name}.{field.Name}", "a string"));
                }
                else
                {
                    AddEdit(fields, errors, audience.Name, field.Name, field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() : null);
                }
            }

            read[audience.Name] = fields;
        }

        return Edits(read, errors);
    }

    /// <summary>
    /// Validates edits given as (audience, field, text), as the console's form sends them: the same rules and messages as
    /// the API's <c>edits</c> (known audiences and fields, at most 4000 characters).
    /// </summary>
    internal static (NoticeEdits? Edits, List<FieldError> Errors) ReadEdits(IEnumerable<(string Audience, string Field, string? Text)> edits)
    {
        var errors = new List<FieldError>();
        var read = new Dictionary<string, Dictionary<string, string?>>();
        foreach (var (audience, field, text) in edits)
        {
            if (!NoticeEdits.Fields.ContainsKey(audience))
            {
                errors.Add(new($"edits.{audience}", $"unknown audience; one of {string.Join(", ", NoticeEdits.Fields.Keys)}"));
                continue;
            }

            if (!read.TryGetValue(audience, out var fields))
            {
                read[audience] = fields = [];
            }

            AddEdit(fields, errors, audience, field, text);
        }

        return Edits(read.ToDictionary(r => r.Key, r => (IReadOnlyDictionary<string, string?>)r.Value), errors);
    }

    /// <summary>One edited field of a known audience: a known name and at most 4000 characters, or an error naming it.</summary>
    private static void AddEdit(Dictionary<string, string?> fields, List<FieldError> errors, string audience, string field, string? text)
    {
        var known = NoticeEdits.Fields[audience];
        var name = $"edits.{audience}.{field}";
        if (!known.Contains(field))
        {
            errors.Add(new(name, $"unknown field; one of {string.Join(", ", known)}"));
        }
        else if (text is { Length: > NoticeEdits.MaxFieldLength })
        {
            errors.Add(new(name, $"at most {NoticeEdits.MaxFieldLength} characters"));
        }
        else
        {
            fields[field] = text;
        }
    }

    private static (NoticeEdits? Edits, List<FieldError> Errors) Edits(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> read, List<FieldError> errors)
    {
        var result = NoticeEdits.From(read);
        return errors.Count > 0 || result.IsEmpty ? (null, errors) : (result, errors);
    }
}
