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

    internal static async Task<Results<Ok<DecisionAnswer>, ProblemHttpResult>> DecideAsync(
        HttpRequest request, string id, IncidentWorkflow workflow,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        var commanderId = request.HttpContext.User.CommanderId();

        var (body, bodyProblem) = await DecisionBody.ReadAsync(request, cancellationToken);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var (decision, errors) = DecisionReader.Read(body, json.Value.SerializerOptions, commanderId);
        if (errors.Count > 0)
        {
            return Problems.InvalidFields(errors);
        }

        if (!IncidentId.IsWellFormed(id))
        {
            return Problems.Status(404, "No such incident");
        }

        var (step, state) = await workflow.HandleAsync(id, decision!, cancellationToken);
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
}
