using BreachNotify.Acknowledgements;
using BreachNotify.Notices;
using BreachNotify.SubprocessorChanges;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Functions.SubprocessorChanges;

/// <summary>
/// The link of a change notice (<c>/ack/{token}</c>, the breach notices' route and token): GET shows the change and two
/// actions and records nothing; POST acknowledges (the customer's consent, through the acknowledgement recorder) or objects
/// (a reason required; the objection goes on the change, whose decision function enforces the window, and its receipt is
/// owed). After the window closes, or once the change is withdrawn, nothing is recorded: 409 and a page saying so.
/// </summary>
public sealed class ChangeNoticeLink(
    AcknowledgementRecorder recorder, SubprocessorChangeStore store, SubprocessorChangeWorkflow workflow, NoticeStore notices, TimeProvider time,
    ILogger<ChangeNoticeLink> logger)
{
    public static bool IsChangeToken(string tokenText) => AcknowledgementToken.TryParse(tokenText) is { } token && ChangeId.IsWellFormed(token.IncidentId);

    public async Task<(int Status, Pages.HtmlPage Html)> ShowAsync(NoticeRecord notice, string processorName, string formAction, string field, string antiforgeryToken, CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(notice.IncidentId, cancellationToken) is not { State.Change: not null } stored)
        {
            return (404, ChangeNoticePages.Problem("Link not recognised", "This link is not valid. Please use the link from your email exactly as sent."));
        }

        return (200, ChangeNoticePages.Notice(stored.State, notice, processorName, time.GetUtcNow(), formAction, field, antiforgeryToken));
    }

    public async Task<(int Status, Pages.HtmlPage Html)> AnswerAsync(
        string tokenText, string action, string name, string reason, string? clientAddress, string processorName, CancellationToken cancellationToken)
    {
        if (action is not ("acknowledge" or "object"))
        {
            return (400, ChangeNoticePages.Problem("Unknown action", "Please use one of the buttons on the notice page."));
        }

        if (name.Length == 0)
        {
            return (400, ChangeNoticePages.Problem("Name required", "Please type your name so the answer says who gave it."));
        }

        if (action == "object" && reason.Length == 0)
        {
            return (400, ChangeNoticePages.Problem("Reason required", "An objection needs its reason. Please go back and give it."));
        }

        var found = await recorder.FindAsync(tokenText, cancellationToken);
        switch (found.Lookup)
        {
            case AcknowledgementLookup.Unknown:
                return (404, ChangeNoticePages.Problem("Link not recognised", "This link is not valid. Please use the link from your email exactly as sent."));
            case AcknowledgementLookup.Expired:
                return (410, ChangeNoticePages.Problem("Link expired", "This link has expired. Please contact the sender of the notice."));
        }

        var notice = found.Notice!;
        if (await store.LoadAsync(notice.IncidentId, cancellationToken) is not { State.Change: not null } stored)
        {
            return (404, ChangeNoticePages.Problem("Link not recognised", "This link is not valid. Please use the link from your email exactly as sent."));
        }

        if (ChangeNoticePages.Closed(stored.State, notice, time.GetUtcNow()) is { } closed)
        {
            return (409, ChangeNoticePages.Problem("Closed", closed + " Nothing was recorded."));
        }

        if (action == "acknowledge")
        {
            var result = await recorder.RecordAsync(tokenText, name, null, clientAddress, cancellationToken);
            var after = (await store.LoadAsync(notice.IncidentId, cancellationToken))!.State;
            return (200, ChangeNoticePages.Recorded(after, result.Notice!, processorName,
                result.RecordedNow ? "Thank you. Your acknowledgement is recorded." : "This notice was already acknowledged."));
        }

        return await ObjectAsync(notice, stored.State, name, reason, processorName, cancellationToken);
    }

    private async Task<(int Status, Pages.HtmlPage Html)> ObjectAsync(
        NoticeRecord notice, SubprocessorChangeState state, string name, string reason, string processorName, CancellationToken cancellationToken)
    {
        // The notice row first: the objection's receipt (owed once the change records it) goes to the contacts marked here.
        var marked = await MarkAsync(notice, n => n.RecordObjection(name, reason, time.GetUtcNow()), cancellationToken);
        var (step, next) = await workflow.HandleAsync(notice.IncidentId, new RecordObjection(notice.PartyId, $"contact:{name}", reason), cancellationToken);
        if (step.Refusal is { } refusal)
        {
            if (marked)
            {
                // Refused after all (the window closed a moment ago, the change withdrawn): the notice shows no objection either.
                await MarkAsync(notice, n => n.RetractObjection(), cancellationToken);
            }

            return (refusal.Kind == RefusalKind.Conflict ? 409 : 400, ChangeNoticePages.Problem("Not recorded", refusal.Reason));
        }

        logger.ChangeObjectedByLink(notice.IncidentId, notice.NoticeId);
        var fresh = await notices.FindAsync(notice.IncidentId, notice.NoticeId, cancellationToken) ?? notice;
        return (200, ChangeNoticePages.Recorded(next ?? state, fresh, processorName,
            step.IsNothing ? "Your organisation's objection was already recorded." : "Your objection is recorded. A receipt is on its way by email."));
    }

    /// <summary>Moves the notice on through the store (under its ETag); false when the transition does not apply.</summary>
    private async Task<bool> MarkAsync(NoticeRecord notice, Func<Notice, NoticeTransition> transition, CancellationToken cancellationToken) =>
        await notices.UpdateAsync(notice.IncidentId, notice.NoticeId, transition, cancellationToken) is { Transition.Applied: true };
}
