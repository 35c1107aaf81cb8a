using System.Text.Json;
using BreachNotify.ControllerPacks;
using BreachNotify.Parties;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Acknowledgements;

/// <summary>
/// <c>GET /ack/{token}/controller-pack</c>: the controller pack of the customer a breach notice went to, authorised by the
/// notice's own link (its token), as a printable page or, with <c>format=json</c>, as the versioned JSON download
/// (docs/schemas/controller-pack-v1.schema.json). It records nothing and shows only that customer's pack; a sub-processor's
/// notice, a change notice or a customer no longer affected has none (404).
/// </summary>
public static class ControllerPackLink
{
    public static IEndpointRouteBuilder MapControllerPackLink(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/ack/{token}/controller-pack", ShowAsync).WithName("ControllerPackLink")
            .RequireRateLimiting(AcknowledgementEndpoints.RateLimitPolicy).DisableAntiforgery();
        return routes;
    }

    /// <summary>The link page's path to the pack of the notice behind <paramref name="token"/>, or null when its recipient has none.</summary>
    public static string? PathFor(NoticeRecord notice, string token) =>
        notice.PartyKind == nameof(PartyKind.Customer) && !ChangeNoticeLink.IsChangeToken(token) ? $"/ack/{token}/controller-pack" : null;

    internal static async Task<IResult> ShowAsync(
        HttpContext context, string token, string? format, AcknowledgementRecorder recorder, IncidentStore incidents, NoticeStore notices, ProcessorDirectory directory,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        var json_ = string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !json_ && !string.Equals(format, "html", StringComparison.OrdinalIgnoreCase))
        {
            return Html(400, AcknowledgementPages.Problem("Unknown format", "format: json or html."));
        }

        var found = await recorder.FindAsync(token, cancellationToken);
        if (found.Lookup != AcknowledgementLookup.Valid || PathFor(found.Notice!, token) is null)
        {
            return found.Lookup == AcknowledgementLookup.Expired
                ? Html(410, AcknowledgementPages.Problem("Link expired", "This link has expired. Please contact the sender of the notice."))
                : Html(404, AcknowledgementPages.Problem("No controller pack", "This link has no controller pack. Please use the link from your email exactly as sent."));
        }

        var notice = found.Notice!;
        if (await incidents.LoadAsync(notice.IncidentId, cancellationToken) is not { } stored)
        {
            return Html(404, AcknowledgementPages.Problem("No controller pack", "The incident of this notice is not known."));
        }

        // The customer's own notices only (its partition, its party): when its first notice went out.
        var sent = (await notices.OfPartyAsync(notice.IncidentId, nameof(PartyKind.Customer), notice.PartyId, cancellationToken))
            .Where(n => n.Sequence == 0 || n.NoticeKind == "initial").Select(n => n.SentAt).Where(t => t is not null).Min();
        if (new ControllerPackComposer(directory).Compose(stored.State, notice.PartyId, sent, stored.State.SeverityOverride) is not { } pack)
        {
            return Html(404, AcknowledgementPages.Problem("No controller pack", "The incident no longer affects the data we process for you; its latest notice says so."));
        }

        context.Response.Headers.CacheControl = "no-store";
        if (json_)
        {
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"controller-pack-{pack.IncidentId}-{pack.Controller.Id}.json\"";
            return Results.Text(JsonSerializer.Serialize(pack, json.Value.SerializerOptions), "application/json; charset=utf-8");
        }

        return Html(200, Pages.HtmlPage.Of<ControllerPackPage>(200, new()
        {
            [nameof(ControllerPackPage.Pack)] = pack,
            [nameof(ControllerPackPage.LinkPath)] = $"/ack/{token}",
        }));
    }

    private static IResult Html(int status, Pages.HtmlPage page) => page.WithStatus(status);
}
