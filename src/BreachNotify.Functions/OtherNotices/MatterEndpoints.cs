using System.Text.Json;
using BreachNotify.Detections;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Incidents;
using BreachNotify.Functions.SubprocessorChanges;
using BreachNotify.OtherNotices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BreachNotify.Functions.OtherNotices;

/// <summary>
/// The other notices a processor owes (DPA §1(b), §1(e), §2, §3(a), §4): commanders record a matter, read and list them,
/// decide (approve, reject, lift-prohibition, set-review with a new review date) and record waiver efforts. Approval freezes the recipients; the notice
/// engine sends through <see cref="MatterNoticeSource"/> once no legal prohibition holds.
/// </summary>
public static class MatterEndpoints
{
    public const string Path = "/api/matters";
    public const int MaxListed = 200;
    private const int MaxIdempotencyKeyLength = 200;

    public static IEndpointRouteBuilder MapMatters(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Path, RecordAsync).WithName("MatterRecord")
            .Accepts<object>(Ingest.IngestEndpoints.JsonMediaType, "*/*")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        routes.MapGet(Path, ListAsync).WithName("MatterList")
            .Produces<MatterList>().Produces<MatterRegister>().Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        routes.MapGet($"{Path}/{{id}}", ReadAsync).WithName("MatterRead")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        routes.MapPost($"{Path}/{{id}}/decision", DecideAsync).WithName("MatterDecision")
            .Accepts<object>(Ingest.IngestEndpoints.JsonMediaType, "*/*")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        routes.MapPost($"{Path}/{{id}}/waiver-efforts", WaiverEffortAsync).WithName("MatterWaiverEffort")
            .Accepts<object>(Ingest.IngestEndpoints.JsonMediaType, "*/*")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return routes;
    }

    internal static async Task<Results<Created<MatterCreatedAnswer>, ProblemHttpResult>> RecordAsync(
        HttpRequest request, MatterWorkflow workflow, SubjectLookup lookup, CancellationToken cancellationToken)
    {
        var commanderId = request.HttpContext.User.CommanderId();

        var (body, problem) = await ChangeBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (matter, error) = MatterRequestReader.Read(body);
        if (error is not null)
        {
            return Problems.InvalidFields([error]);
        }

        var key = request.Headers[SubprocessorChangeEndpoints.IdempotencyKeyHeader].ToString();
        if (key.Length > MaxIdempotencyKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            return Problems.InvalidFields([new FieldError(SubprocessorChangeEndpoints.IdempotencyKeyHeader, $"at most {MaxIdempotencyKeyLength} printable ASCII characters, no spaces")]);
        }

        var id = key.Length == 0 ? MatterId.New() : MatterId.FromKey(commanderId, key);
        var subject = await lookup.CustomersOfAsync(matter!, cancellationToken);
        if (subject.FailureStatus is { } failed)
        {
            return Problems.Status(failed, "The deployment's subject lookup failed", $"{subject.Failure}; nothing was recorded, try again");
        }

        var (step, state) = await workflow.HandleAsync(id, new ReceiveMatter(matter!, commanderId, subject.Customers), cancellationToken);
        if (step.Refusal is { } refusal)
        {
            return Refused(refusal);
        }

        // A retried request (same commander, same key) answers with the matter it made; another matter is a 409.
        if (step.IsNothing && !Same(state!.Matter, matter!))
        {
            return Problems.Status(409, "The Idempotency-Key was used for another matter", $"{SubprocessorChangeEndpoints.IdempotencyKeyHeader}: already used for matter {id}");
        }

        return TypedResults.Created($"{Path}/{id}", new MatterCreatedAnswer(
            id, state!.Status.ToString(), [.. state.Customers.Select(c => c.CustomerId)], state.Customers.Select(c => (DateTimeOffset?)c.DueAt).Min()));
    }

    /// <summary>
    /// Every matter (newest first), or with <c>customer</c> that customer's register (its partition); <c>format=csv</c> exports it.
    /// </summary>
    internal static async Task<IResult> ListAsync(
        HttpRequest request, string? customer, string? format, MatterStore store, Parties.ProcessorDirectory directory,
        CancellationToken cancellationToken)
    {
        if (format is not (null or "json" or "csv"))
        {
            return Problems.InvalidFields([new FieldError("format", "json or csv")]);
        }

        if (customer is null)
        {
            return format == "csv"
                ? Results.Text(MatterCsv.Of((await store.ListAsync(MaxListed, cancellationToken)).SelectMany(e => e.Customers.Select(c => (c, e)))), "text/csv; charset=utf-8")
                : TypedResults.Ok(new MatterList(await store.ListAsync(MaxListed, cancellationToken)));
        }

        if (directory.Customer(customer) is null)
        {
            return Problems.InvalidFields([new FieldError("customer", "unknown customer")]);
        }

        var register = await store.RegisterAsync(customer, MaxListed, cancellationToken);
        return format == "csv" ? Results.Text(MatterCsv.Of(register), "text/csv; charset=utf-8") : TypedResults.Ok(new MatterRegister(customer, register));
    }

    /// <summary>One matter; <c>noticesAfter</c> (a <c>noticesNext</c>) and <c>noticeLimit</c> (1-1,000) page its notices.</summary>
    internal static async Task<Results<Ok<MatterView>, ProblemHttpResult>> ReadAsync(
        HttpRequest request, string id, string? noticesAfter, string? noticeLimit, MatterStore store, NoticeStore notices, FrozenRecipientStore frozen,
        CancellationToken cancellationToken)
    {
        var (page, problem) = NoticePageRequest.Parse(noticesAfter, noticeLimit);
        if (page is null)
        {
            return Problems.Status(400, "The request is not valid", problem);
        }

        if (!MatterId.IsWellFormed(id) || await store.LoadAsync(id, cancellationToken) is not { State.Matter: not null } stored)
        {
            return Problems.Status(404, "No such matter");
        }

        if (page.Positions(stored.State.RecipientCount) is not { } at)
        {
            return Problems.Status(400, "The request is not valid", "noticesAfter: a notice id, as given in noticesNext");
        }

        var recipients = await MatterNoticeSource.RecipientsOfAsync(frozen, stored.State, at.From, at.To, cancellationToken);
        var rows = await notices.RangeAsync(id, at.From, at.To, cancellationToken);
        // A page of every notice counts its own rows (one moment); otherwise the count rows count them all.
        var counts = at.From == 0 && at.Next is null ? NoticeCounting.Of(rows) : await NoticeCounting.ReadAsync(notices, id, cancellationToken);
        return TypedResults.Ok(MatterView.Of(stored.State, await store.HistoryAsync(id, cancellationToken), rows, recipients, at, counts));
    }

    internal static async Task<Results<Ok<MatterDecisionAnswer>, ProblemHttpResult>> DecideAsync(
        HttpRequest request, string id, MatterWorkflow workflow, CancellationToken cancellationToken)
    {
        var commanderId = request.HttpContext.User.CommanderId();

        var (body, problem) = await ChangeBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (decision, errors) = MatterCommandReader.ReadDecision(body, commanderId);
        return errors.Count > 0 ? Problems.InvalidFields(errors) : await StepAsync(id, workflow, decision!, cancellationToken);
    }

    internal static async Task<Results<Ok<MatterDecisionAnswer>, ProblemHttpResult>> WaiverEffortAsync(
        HttpRequest request, string id, MatterWorkflow workflow, CancellationToken cancellationToken)
    {
        var commanderId = request.HttpContext.User.CommanderId();

        var (body, problem) = await ChangeBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (effort, errors) = MatterCommandReader.ReadWaiverEffort(body, commanderId);
        return errors.Count > 0 ? Problems.InvalidFields(errors) : await StepAsync(id, workflow, effort!, cancellationToken);
    }

    private static async Task<Results<Ok<MatterDecisionAnswer>, ProblemHttpResult>> StepAsync(
        string id, MatterWorkflow workflow, MatterMessage message, CancellationToken cancellationToken)
    {
        if (!MatterId.IsWellFormed(id))
        {
            return Problems.Status(404, "No such matter");
        }

        var (step, state) = await workflow.HandleAsync(id, message, cancellationToken);
        return step.Refusal is { } refusal
            ? Refused(refusal)
            : TypedResults.Ok(new MatterDecisionAnswer(id, state!.Status.ToString(), state.Sending, !step.IsNothing));
    }

    private static ProblemHttpResult Refused(MatterRefusal refusal)
    {
        var status = refusal.Kind switch
        {
            MatterRefusalKind.NotFound => 404,
            MatterRefusalKind.Conflict => 409,
            _ => 400,
        };
        if (refusal.Field is { } field && status == 400)
        {
            return Problems.InvalidFields([new FieldError(field, refusal.Reason)]);
        }

        return TypedResults.Problem(detail: refusal.Reason, statusCode: status, title: status == 404 ? "No such matter" : "The decision cannot be taken");
    }

    private static bool Same(OtherMatter? stored, OtherMatter asked) =>
        stored is not null && JsonSerializer.Serialize(stored, DomainJson.Options) == JsonSerializer.Serialize(asked, DomainJson.Options);

}
