using BreachNotify.Classification;
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
        routes.MapGet("/api/incidents", ListAsync).WithName("IncidentList")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);
        routes.MapGet("/api/incidents/{id}", ReadAsync).WithName("IncidentRead")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapPost("/api/incidents/{id}/decision", DecideAsync).WithName("IncidentDecision")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    internal static async Task<Results<Ok<IReadOnlyList<IncidentSummary>>, ProblemHttpResult>> ListAsync(
        HttpRequest request, string? status, DateTimeOffset? from, DateTimeOffset? to,
        CommanderAuthenticator commanders, IncidentReader reader, CancellationToken cancellationToken)
    {
        if (commanders.Authenticate(request) is null)
        {
            return Unauthorized();
        }

        if (status is not null && !Enum.TryParse<IncidentStatus>(status, true, out _))
        {
            return Problems.Status(400, "The request is not valid", $"status: one of {string.Join(", ", Enum.GetNames<IncidentStatus>())}");
        }

        return TypedResults.Ok(await reader.ListAsync(status, from, to, cancellationToken));
    }

    internal static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> ReadAsync(
        HttpRequest request, string id, CommanderAuthenticator commanders, IncidentReader reader, CancellationToken cancellationToken)
    {
        if (commanders.Authenticate(request) is null)
        {
            return Unauthorized();
        }

        if (!IncidentId.IsWellFormed(id) || await reader.ReadAsync(id, cancellationToken) is not { } view)
        {
            return Problems.Status(404, "No such incident");
        }

        return TypedResults.Ok(view);
    }

    internal static async Task<Results<Ok<DecisionAnswer>, ProblemHttpResult>> DecideAsync(
        HttpRequest request, string id, DecisionRequest? body, CommanderAuthenticator commanders, IncidentWorkflow workflow, CancellationToken cancellationToken)
    {
        if (commanders.Authenticate(request) is not { } commanderId)
        {
            return Unauthorized();
        }

        if (body is null || !Enum.TryParse<DecisionKind>(body.Decision, true, out var decision) || int.TryParse(body.Decision, out _))
        {
            return Problems.InvalidFields([new("decision", "one of approve, reject, reclassify")]);
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

        var (step, state) = await workflow.HandleAsync(id, new CommanderDecision(decision, commanderId, body.Comment, verdict, body.Customers), cancellationToken);
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

    private static ProblemHttpResult Unauthorized() =>
        Problems.Status(401, "Not authenticated", "a commander key is required: Authorization: Bearer KEY");
}
