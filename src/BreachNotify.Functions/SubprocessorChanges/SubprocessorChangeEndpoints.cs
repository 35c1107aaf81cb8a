using BreachNotify.Detections;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Incidents;
using BreachNotify.Parties;
using BreachNotify.SubprocessorChanges;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BreachNotify.Functions.SubprocessorChanges;

/// <summary>
/// Sub-processor changes (DPA §1(g)): the commanders announce, list, read and decide them; the public list at
/// <c>/subprocessors.json</c>. Approval freezes whom notices are owed to and fans them out through the notice engine
/// (<see cref="ChangeNoticeSource"/>); withdrawal after approval sends the withdrawal notices.
/// </summary>
public static class SubprocessorChangeEndpoints
{
    public const int MaxListed = 200;
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int MaxIdempotencyKeyLength = 200;

    public static IEndpointRouteBuilder MapSubprocessorChanges(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("").RequireCommander();
        api.MapPost("/api/subprocessor-changes", AnnounceAsync).WithName("SubprocessorChangeAnnounce")
            .Accepts<object>(Ingest.IngestEndpoints.JsonMediaType, "*/*")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/api/subprocessor-changes", ListAsync).WithName("SubprocessorChangeList")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/api/subprocessor-changes/{id}", ReadAsync).WithName("SubprocessorChangeRead")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/api/subprocessor-changes/{id}/decision", DecideAsync).WithName("SubprocessorChangeDecision")
            .Accepts<object>(Ingest.IngestEndpoints.JsonMediaType, "*/*")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/api/subprocessor-changes/{id}/objections/{customerId}/outcome", OutcomeAsync).WithName("SubprocessorObjectionOutcome")
            .Accepts<object>(Ingest.IngestEndpoints.JsonMediaType, "*/*")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        routes.MapGet("/subprocessors.json", PublicListAsync).WithName("SubprocessorPublicList");
        routes.MapGet("/subprocessors", PublicPageAsync).WithName("SubprocessorPublicPage");
        routes.MapGet("/subprocessors.atom", PublicFeedAsync).WithName("SubprocessorPublicFeed");
        return routes;
    }

    internal static async Task<Results<Created<ChangeCreatedAnswer>, ProblemHttpResult>> AnnounceAsync(
        HttpRequest request, SubprocessorChangeWorkflow workflow, CancellationToken cancellationToken)
    {
        var commanderId = request.HttpContext.User.CommanderId();

        var (body, problem) = await ChangeBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (change, error) = ChangeRequestReader.Read(body);
        if (error is not null)
        {
            return Problems.InvalidFields([error]);
        }

        var key = request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length > MaxIdempotencyKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            return Problems.InvalidFields([new FieldError(IdempotencyKeyHeader, $"at most {MaxIdempotencyKeyLength} printable ASCII characters, no spaces")]);
        }

        var id = key.Length == 0 ? ChangeId.New() : ChangeId.FromKey(commanderId, key);
        var (step, state) = await workflow.HandleAsync(id, new AnnounceChange(change!, commanderId), cancellationToken);
        if (step.Refusal is { } refusal)
        {
            return Refused(refusal);
        }

        // A retried announcement (same commander, same key) answers with the change it made; another change is a 409.
        if (step.IsNothing && !SameChange(state!.Change, change!))
        {
            return Problems.Status(409, "The Idempotency-Key was used for another change", $"{IdempotencyKeyHeader}: already used for change {id}");
        }

        return TypedResults.Created($"/api/subprocessor-changes/{id}", new ChangeCreatedAnswer(
            id, state!.Status.ToString(), state.RecipientCount, [.. state.Windows.Select(w => w.CustomerId)], [.. state.Windows.Select(ChangeView.Deadline)]));
    }

    internal static async Task<Results<Ok<ChangeList>, ProblemHttpResult>> ListAsync(
        HttpRequest request, SubprocessorChangeStore store, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(new ChangeList([.. (await store.ListAsync(MaxListed, cancellationToken)).Select(ChangeSummary.Of)]));
    }

    /// <summary>One change; <c>noticesAfter</c> (a <c>noticesNext</c>) and <c>noticeLimit</c> (1-1,000) page its notices.</summary>
    internal static async Task<Results<Ok<ChangeView>, ProblemHttpResult>> ReadAsync(
        HttpRequest request, string id, string? noticesAfter, string? noticeLimit, SubprocessorChangeStore store, NoticeStore notices,
        FrozenRecipientStore frozen, CancellationToken cancellationToken)
    {
        var (page, problem) = NoticePageRequest.Parse(noticesAfter, noticeLimit);
        if (page is null)
        {
            return Problems.Status(400, "The request is not valid", problem);
        }

        if (!ChangeId.IsWellFormed(id) || await store.LoadAsync(id, cancellationToken) is not { State.Change: not null } stored)
        {
            return Problems.Status(404, "No such sub-processor change");
        }

        if (page.Positions(stored.State.RecipientCount) is not { } at)
        {
            return Problems.Status(400, "The request is not valid", "noticesAfter: a notice id, as given in noticesNext");
        }

        var recipients = await ChangeNoticeSource.RecipientsOfAsync(frozen, stored.State, at.From, at.To, cancellationToken);
        var rows = await notices.RangeAsync(id, at.From, at.To, cancellationToken);
        // A page of every notice counts its own rows (one moment); otherwise the count rows count them all.
        var counts = at.From == 0 && at.Next is null ? NoticeCounting.Of(rows) : await NoticeCounting.ReadAsync(notices, id, cancellationToken);
        return TypedResults.Ok(ChangeView.Of(stored.State, await store.HistoryAsync(id, cancellationToken), rows, recipients, at, counts));
    }

    internal static async Task<Results<Ok<ChangeDecisionAnswer>, ProblemHttpResult>> DecideAsync(
        HttpRequest request, string id, SubprocessorChangeWorkflow workflow, CancellationToken cancellationToken)
    {
        var commanderId = request.HttpContext.User.CommanderId();

        var (body, problem) = await ChangeBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (decision, errors) = ChangeCommandReader.ReadDecision(body, commanderId);
        if (errors.Count > 0)
        {
            return Problems.InvalidFields(errors);
        }

        if (!ChangeId.IsWellFormed(id))
        {
            return Problems.Status(404, "No such sub-processor change");
        }

        var (step, state) = await workflow.HandleAsync(id, decision!, cancellationToken);
        if (step.Refusal is { } refusal)
        {
            return Refused(refusal, decided: true);
        }

        return TypedResults.Ok(new ChangeDecisionAnswer(id, state!.Status.ToString(), !step.IsNothing));
    }

    internal static async Task<Results<Ok<ChangeDecisionAnswer>, ProblemHttpResult>> OutcomeAsync(
        HttpRequest request, string id, string customerId, SubprocessorChangeWorkflow workflow, CancellationToken cancellationToken)
    {
        var commanderId = request.HttpContext.User.CommanderId();

        var (body, problem) = await ChangeBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (outcome, errors) = ChangeCommandReader.ReadOutcome(body, customerId, commanderId);
        if (errors.Count > 0)
        {
            return Problems.InvalidFields(errors);
        }

        if (!ChangeId.IsWellFormed(id))
        {
            return Problems.Status(404, "No such sub-processor change");
        }

        var (step, state) = await workflow.HandleAsync(id, outcome!, cancellationToken);
        if (step.Refusal is { } refusal)
        {
            return Refused(refusal, decided: true);
        }

        return TypedResults.Ok(new ChangeDecisionAnswer(id, state!.Status.ToString(), !step.IsNothing));
    }

    internal static async Task<Ok<PublicSubprocessorList>> PublicListAsync(
        ProcessorDirectory directory, SubprocessorChangeStore store, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(PublicListBuilder.Build(directory, await store.ListAsync(int.MaxValue, cancellationToken), time.GetUtcNow()));

    internal static async Task<Pages.HtmlPage> PublicPageAsync(
        ProcessorDirectory directory, SubprocessorChangeStore store, TimeProvider time, CancellationToken cancellationToken) =>
        PublicListPages.Html(PublicListBuilder.Build(directory, await store.ListAsync(int.MaxValue, cancellationToken), time.GetUtcNow()));

    internal static async Task<ContentHttpResult> PublicFeedAsync(
        ProcessorDirectory directory, SubprocessorChangeStore store, PublicLinks links, TimeProvider time, CancellationToken cancellationToken)
    {
        var approved = (await store.ListAsync(int.MaxValue, cancellationToken)).Where(e => e.Status == ChangeStatus.Approved);
        return TypedResults.Content(PublicListPages.Feed(directory.Processor.Name, links.BaseUrl, approved, time.GetUtcNow()), "application/atom+xml; charset=utf-8");
    }

    /// <summary>
    /// A refusal as problem+json: bad input and too little notice at announcement are 400 (the notice gate names the
    /// earliest allowed effectiveAt and the customers); too little notice at approval and a state conflict are 409.
    /// </summary>
    private static ProblemHttpResult Refused(ChangeRefusal refusal, bool decided = false)
    {
        var status = refusal.Kind switch
        {
            RefusalKind.NotFound => 404,
            RefusalKind.Conflict => 409,
            RefusalKind.TooLittleNotice when decided => 409,
            _ => 400,
        };
        var extensions = new Dictionary<string, object?>();
        if (refusal.Field is { } field)
        {
            extensions["errors"] = new Dictionary<string, string[]> { [field] = [refusal.Reason] }; // the validation problem's shape
        }

        if (refusal.EarliestEffectiveAt is { } earliest)
        {
            extensions["earliestEffectiveAt"] = earliest;
            extensions["customers"] = refusal.Customers;
        }

        var detail = refusal.Field is { } f ? $"{f}: {refusal.Reason}" : refusal.Reason;
        var title = status switch
        {
            404 => "No such sub-processor change",
            409 => "The decision cannot be taken",
            _ => "The request is not valid",
        };
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
    }

    internal static bool SameChange(SubprocessorChange? stored, SubprocessorChange asked) =>
        stored is not null && System.Text.Json.JsonSerializer.Serialize(stored, DomainJson.Options) == System.Text.Json.JsonSerializer.Serialize(asked, DomainJson.Options);

}
