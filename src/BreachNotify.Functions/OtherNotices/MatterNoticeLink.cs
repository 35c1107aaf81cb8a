using BreachNotify.Acknowledgements;
using BreachNotify.OtherNotices;

namespace BreachNotify.Functions.OtherNotices;

/// <summary>
/// The link of a matter's notice (<c>/ack/{token}</c>, the breach notices' route and token): GET shows the matter and one
/// button and records nothing; POST records the acknowledgement through the acknowledgement recorder (the notice row first,
/// then the matter). For a data-subject request the button and the record are "received by our DPO", a distinct receipt.
/// </summary>
public sealed class MatterNoticeLink(AcknowledgementRecorder recorder, MatterStore store)
{
    public static bool IsMatterToken(string tokenText) => AcknowledgementToken.TryParse(tokenText) is { } token && MatterId.IsWellFormed(token.IncidentId);

    public async Task<(int Status, Pages.HtmlPage Html)> ShowAsync(NoticeRecord notice, string processorName, string formAction, string field, string antiforgeryToken, CancellationToken cancellationToken) =>
        await store.LoadAsync(notice.IncidentId, cancellationToken) is { State.Matter: not null } stored
            ? (200, MatterNoticePages.Notice(stored.State, notice, processorName, formAction, field, antiforgeryToken))
            : (404, MatterNoticePages.Problem("Link not recognised", "This link is not valid. Please use the link from your email exactly as sent."));

    public async Task<(int Status, Pages.HtmlPage Html)> AnswerAsync(string tokenText, string action, string name, string? clientAddress, string processorName, CancellationToken cancellationToken)
    {
        if (action is not ("acknowledge" or "received-by-dpo"))
        {
            return (400, MatterNoticePages.Problem("Unknown action", "Please use the button on the notice page."));
        }

        if (name.Length == 0)
        {
            return (400, MatterNoticePages.Problem("Name required", "Please type your name so the acknowledgement says who received the notice."));
        }

        var found = await recorder.FindAsync(tokenText, cancellationToken);
        switch (found.Lookup)
        {
            case AcknowledgementLookup.Unknown:
                return (404, MatterNoticePages.Problem("Link not recognised", "This link is not valid. Please use the link from your email exactly as sent."));
            case AcknowledgementLookup.Expired:
                return (410, MatterNoticePages.Problem("Link expired", "This link has expired. Please contact the sender of the notice."));
        }

        if (await store.LoadAsync(found.Notice!.IncidentId, cancellationToken) is not { State.Matter: { } matter })
        {
            return (404, MatterNoticePages.Problem("Link not recognised", "This link is not valid. Please use the link from your email exactly as sent."));
        }

        // The page of a data-subject request offers only "received by our DPO", and the others only "acknowledge": a mismatch is a stale or forged form.
        if ((matter.Kind == OtherNoticeKind.DataSubjectRequest) != (action == "received-by-dpo"))
        {
            return (400, MatterNoticePages.Problem("Unknown action", "Please use the button on the notice page."));
        }

        var result = await recorder.RecordAsync(tokenText, name, null, clientAddress, cancellationToken);
        var after = (await store.LoadAsync(found.Notice.IncidentId, cancellationToken))!.State;
        var what = (result.RecordedNow, action) switch
        {
            (true, "received-by-dpo") => "Thank you. Your DPO's receipt of the request is recorded.",
            (true, _) => "Thank you. Your acknowledgement is recorded.",
            _ => "This notice was already acknowledged.",
        };
        return (200, MatterNoticePages.Recorded(after, result.Notice!, processorName, what));
    }
}
