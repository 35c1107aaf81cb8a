using BreachNotify.Functions.OtherNotices;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.SubprocessorChanges;
using BreachNotify.Parties;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BreachNotify.Functions.Acknowledgements;

/// <summary>
/// <c>GET /ack/{token}</c> shows the notice and a form and records nothing (mail scanners follow links);
/// <c>POST</c> records the acknowledgement, guarded against cross-site forgery, idempotent.
/// </summary>
public static class AcknowledgementEndpoints
{
    public const string RateLimitPolicy = "acknowledgement";

    public static IEndpointRouteBuilder MapAcknowledgements(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/ack/{token}", ShowAsync).WithName("AcknowledgementPage").RequireRateLimiting(RateLimitPolicy).DisableAntiforgery();
        // The link is the authority (no session); the framework's antiforgery keeps a cross-site page from pressing its button.
        routes.MapPost("/ack/{token}", AcknowledgeAsync).WithName("AcknowledgementRecord").RequireRateLimiting(RateLimitPolicy).WithMetadata(new RequireAntiforgeryTokenAttribute());
        routes.MapControllerPackLink();
        return routes;
    }

    internal static async Task<IResult> ShowAsync(
        HttpContext context, string token, AcknowledgementRecorder recorder, IAntiforgery antiforgery, ProcessorDirectory directory, ChangeNoticeLink changes,
        MatterNoticeLink matters, CancellationToken cancellationToken)
    {
        var found = await recorder.FindAsync(token, cancellationToken);
        if (Refusal(found) is { } refusal)
        {
            return refusal;
        }

        var tokens = antiforgery.GetAndStoreTokens(context);
        if (ChangeNoticeLink.IsChangeToken(token))
        {
            // A sub-processor change's notice: its own page (the change, Acknowledge and Object).
            var (status, page) = await changes.ShowAsync(found.Notice!, directory.Processor.Name, $"/ack/{token}", tokens.FormFieldName, tokens.RequestToken ?? "", cancellationToken);
            return Html(status, page);
        }

        if (MatterNoticeLink.IsMatterToken(token))
        {
            // One of the other notices (issue 18): its own page (the matter; for a data-subject request "received by our DPO").
            var (status, page) = await matters.ShowAsync(found.Notice!, directory.Processor.Name, $"/ack/{token}", tokens.FormFieldName, tokens.RequestToken ?? "", cancellationToken);
            return Html(status, page);
        }

        return Html(200, AcknowledgementPages.Notice(
            found.Notice!, directory.Processor.Name, $"/ack/{token}", tokens.FormFieldName, tokens.RequestToken ?? "", ControllerPackLink.PathFor(found.Notice!, token)));
    }

    internal static async Task<IResult> AcknowledgeAsync(
        HttpContext context, string token, AcknowledgementRecorder recorder, ProcessorDirectory directory, ChangeNoticeLink changes,
        MatterNoticeLink matters, CancellationToken cancellationToken)
    {
        switch (FormBodies.Of(context))
        {
            case FormBodies.Check.NotAForm:
                return Html(415, AcknowledgementPages.Problem("Unsupported request", "Use the form on the notice page."));
            case FormBodies.Check.Unreadable:
                return Html(400, AcknowledgementPages.Problem("Form not readable", "Please open the link from your email again and press the button."));
            case FormBodies.Check.Expired:
                return Html(400, AcknowledgementPages.Problem("Form expired", "Please open the link from your email again and press the button."));
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var name = Clean(form["name"].ToString(), 200);
        var comment = Clean(form["comment"].ToString(), 2000);
        if (ChangeNoticeLink.IsChangeToken(token))
        {
            var (status, page) = await changes.AnswerAsync(
                token, form["action"].ToString(), name, Clean(form["reason"].ToString(), 2000), context.Connection.RemoteIpAddress?.ToString(), directory.Processor.Name, cancellationToken);
            return Html(status, page);
        }

        if (MatterNoticeLink.IsMatterToken(token))
        {
            var (status, page) = await matters.AnswerAsync(
                token, form["action"].ToString(), name, context.Connection.RemoteIpAddress?.ToString(), directory.Processor.Name, cancellationToken);
            return Html(status, page);
        }

        if (name.Length == 0)
        {
            return Html(400, AcknowledgementPages.Problem("Name required", "Please type your name so the acknowledgement says who received the notice."));
        }

        var result = await recorder.RecordAsync(token, name, comment.Length == 0 ? null : comment, context.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return Refusal(result) ?? Html(200, AcknowledgementPages.Recorded(result.Notice!, directory.Processor.Name, result.RecordedNow));
    }

    private static IResult? Refusal(AcknowledgementResult result) => result.Lookup switch
    {
        AcknowledgementLookup.Unknown => Html(404, AcknowledgementPages.Problem("Link not recognised", "This acknowledgement link is not valid. Please use the link from your email exactly as sent.")),
        AcknowledgementLookup.Expired => Html(410, AcknowledgementPages.Problem("Link expired", "This acknowledgement link has expired. Please contact the sender of the notice.")),
        _ => null,
    };

    private static IResult Html(int status, string html) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    private static IResult Html(int status, Pages.HtmlPage page) => page.WithStatus(status);

    /// <summary>
    /// <see cref="ReadableText"/> (line breaks kept, as a comment may have them): a typed name must read on the page and
    /// in the incident as it was typed.
    /// </summary>
    private static string Clean(string value, int max)
    {
        var cleaned = ReadableText.Clean(value, keepLines: true).Trim();
        return cleaned.Length <= max ? cleaned : cleaned[..max];
    }
}
