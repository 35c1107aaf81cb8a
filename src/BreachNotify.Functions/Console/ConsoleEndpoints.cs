using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using BreachNotify.Classification;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Incidents;
using BreachNotify.Functions.Workflow;
using BreachNotify.Incidents;
using BreachNotify.Notices;
using BreachNotify.Parties;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>
/// The incident commanders' console under <c>/console</c>: sign-in, the queue, incidents and decisions, the breach
/// register, evidence exports and dead letters. Every page but sign-in needs a commander session; every form carries an
/// antiforgery token, checked on POST. Decisions go through <see cref="IncidentWorkflow"/> exactly as the API's do.
/// </summary>
public static class ConsoleEndpoints
{
    public const string SignInRateLimitPolicy = "console-signin";
    public const string TimeZoneCookie = "tz";

    /// <summary>The app's CSP, plus scripts from the app itself (the console's one file).</summary>
    internal const string ConsoleCsp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IServiceCollection AddConsoleSignInRateLimit(this IServiceCollection services)
    {
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(SignInRateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
            AuthFailureLimiter.ClientOf(context),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        return services;
    }

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/assets/console.css", () => Results.Text(ConsoleAssets.Css, "text/css")).ExcludeFromDescription().WithName("ConsoleStyles");
        routes.MapGet("/assets/console.js", () => Results.Text(ConsoleAssets.Js, "text/javascript")).ExcludeFromDescription().WithName("ConsoleScript");

        routes.MapGet("/console/signin", SignInPage).ExcludeFromDescription().WithName("ConsoleSignInPage");
        routes.MapPost("/console/signin", SignInAsync).ExcludeFromDescription().WithName("ConsoleSignIn").RequireRateLimiting(SignInRateLimitPolicy)
            .WithMetadata(new RequireAntiforgeryTokenAttribute()).LimitAuthFailures();

        // Every other console route: one group, one policy (a session), the framework's antiforgery on its forms.
        var console = routes.MapGroup("").RequireConsoleSession();
        console.MapPost("/console/signout", SignOutAsync).ExcludeFromDescription().WithName("ConsoleSignOut");
        console.MapPost("/console/timezone", SetTimeZoneAsync).ExcludeFromDescription().WithName("ConsoleTimeZone");
        console.MapGet("/console", QueueAsync).ExcludeFromDescription().WithName("ConsoleQueue");
        console.MapGet("/console/incidents/{id}", IncidentAsync).ExcludeFromDescription().WithName("ConsoleIncident");
        console.MapPost("/console/incidents/{id}/decision", DecideAsync).ExcludeFromDescription().WithName("ConsoleDecision");
        console.MapPost("/console/incidents/{id}/edits", EditAsync).ExcludeFromDescription().WithName("ConsoleEdits");
        console.MapGet("/console/incidents/{id}/preview", PreviewAsync).ExcludeFromDescription().WithName("ConsolePreview");
        console.MapGet("/console/incidents/{id}/export.json", ExportJsonAsync).ExcludeFromDescription().WithName("ConsoleExportJson");
        console.MapGet("/console/incidents/{id}/notices.csv", NoticesCsvAsync).ExcludeFromDescription().WithName("ConsoleNoticesCsv");
        console.MapGet("/console/incidents/{id}/report", ReportAsync).ExcludeFromDescription().WithName("ConsoleReport");
        console.MapGet("/console/register", RegisterAsync).ExcludeFromDescription().WithName("ConsoleRegister");
        console.MapGet("/console/register.csv", RegisterCsvAsync).ExcludeFromDescription().WithName("ConsoleRegisterCsv");
        console.MapGet("/console/deadletters", DeadLettersAsync).ExcludeFromDescription().WithName("ConsoleDeadLetters");
        console.MapPost("/console/deadletters/{messageId}/redrive", RedriveAsync).ExcludeFromDescription().WithName("ConsoleRedrive");
        console.MapChangeConsole();
        OtherNotices.MatterConsoleEndpoints.MapMatterConsole(console);
        OtherNotices.DrillScheduleConsoleEndpoints.MapDrillScheduleConsole(console);
        Ledger.LedgerEndpoints.MapCustomerLedgerConsole(console);
        return routes;
    }

    /// <summary>
    /// Every console request that got past the policy: the console's CSP; a POST that is no form, or whose form the
    /// antiforgery middleware could not read or did not recognise, is refused before the handler runs.
    /// </summary>
    internal static async ValueTask<object?> ConsoleFormFilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        http.Response.Headers.ContentSecurityPolicy = ConsoleCsp;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && FormRefusal(http) is { } refusal)
        {
            return refusal;
        }

        return await next(invocation);
    }

    internal static IResult SignInPage(HttpContext http, string? returnUrl, IOptions<ConsoleOptions> options)
    {
        http.Response.Headers.ContentSecurityPolicy = ConsoleCsp;
        return Html(200, ConsolePages.SignIn(Page(http, anonymous: true), ConsoleSession.SafeReturnUrl(returnUrl), null, options.Value.UsesEasyAuth));
    }

    internal static async Task<IResult> SignInAsync(
        HttpContext http, CommanderAuthenticator commanders, IOptions<ConsoleOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        http.Response.Headers.ContentSecurityPolicy = ConsoleCsp;
        if (options.Value.UsesEasyAuth)
        {
            return Html(404, ConsolePages.ProblemPage(Page(http, anonymous: true), "Not here", "This console uses your organisation's sign-in."));
        }

        if (FormRefusal(http, anonymous: true) is { } refusal)
        {
            return refusal;
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var returnUrl = ConsoleSession.SafeReturnUrl(form["returnUrl"].ToString());
        var logger = loggers.CreateLogger("BreachNotify.Console");
        if (commanders.AuthenticateKey(form["key"].ToString()) is not { } commanderId)
        {
            logger.SignInRefused(http.Connection.RemoteIpAddress?.ToString());
            return Html(401, ConsolePages.SignIn(Page(http, anonymous: true), returnUrl, "That key is not a commander's key.", easyAuth: false));
        }

        await http.SignInAsync(ConsoleSession.Scheme, ConsoleSession.Principal(commanderId, "key", CommanderKeyHash.Of(form["key"].ToString().Trim())));
        logger.SignedIn(commanderId);
        return SeeOther(returnUrl);
    }

    internal static async Task<IResult> SignOutAsync(HttpContext http, IOptions<ConsoleOptions> options)
    {
        if (options.Value.UsesEasyAuth)
        {
            return SeeOther("/.auth/logout");
        }

        await http.SignOutAsync(ConsoleSession.Scheme);
        return SeeOther("/console/signin");
    }

    internal static async Task<IResult> SetTimeZoneAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var tz = form["tz"].ToString().Trim();
        if (!ConsoleTime.IsKnownZone(tz))
        {
            return Html(400, ConsolePages.ProblemPage(Page(http), "Unknown time zone", $"'{tz}' is not an IANA time zone such as Europe/Berlin or America/New_York."));
        }

        http.Response.Cookies.Append(TimeZoneCookie, ConsoleTime.Zone(tz).Id, new CookieOptions
        {
            Path = "/console",
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });
        return SeeOther(ConsoleSession.SafeReturnUrl(form["returnUrl"].ToString()));
    }

    internal static async Task<IResult> QueueAsync(HttpContext http, IncidentReader reader, CancellationToken cancellationToken)
    {
        var incidents = await reader.ListAsync(null, null, null, cancellationToken);
        // Sending progress of each approved incident (sent and acknowledged counts; no countdown once all are sent).
        var approved = incidents.Where(i => i.Status == nameof(IncidentStatus.Approved)).ToList();
        // One incident at a time: a page view must not open a query per approved incident at once.
        var progress = new Dictionary<string, NoticeCounts>();
        foreach (var incident in approved)
        {
            progress[incident.Id] = await reader.NoticeCountsAsync(incident.Id, cancellationToken);
        }

        return Html(200, ConsolePages.Queue(Page(http), incidents, progress));
    }

    internal static async Task<IResult> IncidentAsync(HttpContext http, string id, string? decided, IncidentReader reader, CancellationToken cancellationToken)
    {
        if (await ReadAsync(reader, id, cancellationToken) is not { } view)
        {
            return NotFound(http);
        }

        var message = decided switch
        {
            "approve" => "Approved. The notices are going out.",
            "reject" => "Rejected. No notices will be sent; the decision is in the timeline.",
            "reclassify" => "Reclassified. The new classification is below.",
            "approve-update" => "Follow-up approved; the phase is in the timeline (follow-up notices are not sent yet: see the README).",
            "close" => "Closed with the final report; the phase is in the timeline (closing notices are not sent yet: see the README).",
            "unchanged" => "That decision was already taken; nothing changed.",
            "edited" => "The notices' text is saved. Approving sends it.",
            "noedit" => "The notices' text is as it was; nothing changed.",
            _ => null,
        };
        return Html(200, ConsolePages.Incident(Page(http), view, message, error: false, await EditingAsync(http, id, cancellationToken)));
    }

    /// <summary>A decision form, read by the API's own reader (<see cref="DecisionReader"/>): a field it refuses shows the page again with the API's message.</summary>
    internal static async Task<IResult> DecideAsync(
        HttpContext http, string id, IncidentWorkflow workflow, IncidentReader reader, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (await ReadAsync(reader, id, cancellationToken) is not { } before)
        {
            return NotFound(http);
        }

        var commanderId = http.User.CommanderId();
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var (decision, errors) = DecisionReader.Read(DecisionForm.Body(form), json.Value.SerializerOptions, commanderId);
        if (errors.Count > 0)
        {
            return Html(400, ConsolePages.Incident(Page(http), before, CommandForm.Message("The decision was not taken", errors), error: true, await EditingAsync(http, id, cancellationToken)));
        }

        var (step, state) = await workflow.HandleAsync(id, decision!, cancellationToken);
        if (state is null)
        {
            return NotFound(http);
        }

        if (step.Refusal is { } reason)
        {
            var now = await reader.ReadAsync(id, cancellationToken) ?? before;
            return Html(409, ConsolePages.Incident(Page(http), now, "The decision cannot be taken: " + reason, error: true, await EditingAsync(http, id, cancellationToken)));
        }

        loggers.CreateLogger("BreachNotify.Console").Decided(id, commanderId, decision!.Decision.ToString());
        var outcome = step.IsNothing ? "unchanged" : DecisionNames.Of(decision.Decision);
        return SeeOther($"/console/incidents/{Uri.EscapeDataString(id)}?decided={outcome}");
    }

    /// <summary>
    /// The "Edit the notices" form: every textarea whose text differs from the current edit becomes an edit (an empty one
    /// returns to the generated text), validated as the API's <c>edits</c> and taken as a <see cref="DecisionKind.Edit"/> decision.
    /// </summary>
    internal static async Task<IResult> EditAsync(
        HttpContext http, string id, IncidentWorkflow workflow, IncidentReader reader, IncidentStore store, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (await ReadAsync(reader, id, cancellationToken) is not { } before || await store.LoadAsync(id, cancellationToken) is not { } stored)
        {
            return NotFound(http);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var current = stored.State.NoticeEdits;
        var changed = new List<(string Audience, string Field, string? Text)>();
        foreach (var (audience, fields) in NoticeEdits.Fields)
        {
            foreach (var field in fields)
            {
                if (!form.TryGetValue($"{audience}.{field}", out var posted))
                {
                    continue;
                }

                // Browsers send a textarea's line breaks as CRLF.
                var text = posted.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
                if (text != (CurrentEdit(current, audience, field) ?? ""))
                {
                    changed.Add((audience, field, text));
                }
            }
        }

        // Nothing differs from the current text: no decision at all (the API would refuse an edit without edits).
        if (changed.Count == 0)
        {
            return SeeOther($"/console/incidents/{Uri.EscapeDataString(id)}?decided=noedit");
        }

        var commanderId = http.User.CommanderId();
        var (decision, errors) = DecisionReader.Read(DecisionForm.Edits(changed), json.Value.SerializerOptions, commanderId);
        if (errors.Count > 0)
        {
            return Html(400, ConsolePages.Incident(Page(http), before, CommandForm.Message("The notices' text was not saved", errors), error: true, await EditingAsync(http, id, cancellationToken, form)));
        }

        var (step, state) = await workflow.HandleAsync(id, decision!, cancellationToken);
        if (state is null)
        {
            return NotFound(http);
        }

        if (step.Refusal is { } reason)
        {
            var now = await reader.ReadAsync(id, cancellationToken) ?? before;
            return Html(409, ConsolePages.Incident(Page(http), now, "The notices cannot be edited: " + reason, error: true, await EditingAsync(http, id, cancellationToken)));
        }

        loggers.CreateLogger("BreachNotify.Console").Decided(id, commanderId, nameof(DecisionKind.Edit));
        return SeeOther($"/console/incidents/{Uri.EscapeDataString(id)}?decided={(step.IsNothing ? "noedit" : "edited")}");
    }

    /// <summary>One recipient's notice as it would be sent now: subject, text and the HTML body in a sandboxed frame.</summary>
    internal static async Task<IResult> PreviewAsync(
        HttpContext http, string id, string? recipient, IncidentReader reader, IncidentStore store, ProcessorDirectory directory, NoticeComposer composer,
        PublicLinks links, CancellationToken cancellationToken)
    {
        if (await ReadAsync(reader, id, cancellationToken) is not { } view || await store.LoadAsync(id, cancellationToken) is not { } stored)
        {
            return NotFound(http);
        }

        var recipients = RecipientList.Of(directory, stored.State);
        if (recipients.FirstOrDefault(r => r.Key.Equals(recipient?.Trim(), StringComparison.OrdinalIgnoreCase)) is not { } found)
        {
            return Html(404, ConsolePages.ProblemPage(Page(http), "No such recipient", $"The incident's recipients: {string.Join(", ", recipients.Take(50).Select(r => r.Key))}."));
        }

        // The notice's own inline styles may apply inside the sandboxed frame (srcdoc inherits this page's policy); scripts stay forbidden.
        http.Response.Headers.ContentSecurityPolicy = PreviewCsp;
        return Html(200, ConsolePages.Preview(Page(http), view, found, IncidentEndpoints.Preview(stored.State, found, composer, links)));
    }

    private const string PreviewCsp = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'";

    private static string? CurrentEdit(NoticeEdits? edits, string audience, string field) => (audience, field) switch
    {
        ("customer", "nature") => edits?.Customer?.Nature,
        ("customer", "description") => edits?.Customer?.Description,
        ("customer", "consequences") => edits?.Customer?.Consequences,
        ("customer", "measures") => edits?.Customer?.Measures,
        ("customer", "message") => edits?.Customer?.Message,
        ("subprocessor", "description") => edits?.Subprocessor?.Description,
        ("subprocessor", "request") => edits?.Subprocessor?.Request,
        ("subprocessor", "message") => edits?.Subprocessor?.Message,
        _ => null,
    };

    /// <summary>What the incident page needs to edit and preview the notices: the current edits (or the refused form's text) and the recipients.</summary>
    private static async Task<NoticeEditing?> EditingAsync(HttpContext http, string id, CancellationToken cancellationToken, IFormCollection? posted = null)
    {
        var store = http.RequestServices.GetRequiredService<IncidentStore>();
        if (!IncidentId.IsWellFormed(id) || await store.LoadAsync(id, cancellationToken) is not { } stored)
        {
            return null;
        }

        var texts = new Dictionary<string, string>();
        foreach (var (audience, fields) in NoticeEdits.Fields)
        {
            foreach (var field in fields)
            {
                var key = $"{audience}.{field}";
                texts[key] = posted is not null && posted.TryGetValue(key, out var value) ? value.ToString() : CurrentEdit(stored.State.NoticeEdits, audience, field) ?? "";
            }
        }

        return new NoticeEditing(texts, RecipientList.Of(http.RequestServices.GetRequiredService<ProcessorDirectory>(), stored.State));
    }

    internal static async Task<IResult> ExportJsonAsync(HttpContext http, string id, IncidentReader reader, CancellationToken cancellationToken)
    {
        if (await ReadAsync(reader, id, cancellationToken) is not { } view)
        {
            return NotFound(http);
        }

        Attachment(http, $"incident-{id}.json");
        return TypedResults.Ok(view);
    }

    internal static async Task<IResult> NoticesCsvAsync(HttpContext http, string id, IncidentReader reader, CancellationToken cancellationToken)
    {
        if (await ReadAsync(reader, id, cancellationToken) is not { } view)
        {
            return NotFound(http);
        }

        var csv = Csv.Write(
            ["notice id", "recipient", "contact email", "status", "sent", "delivered", "acknowledged", "acknowledged by"],
            view.Notices.Select(n => (IReadOnlyList<string?>)[n.NoticeId, n.RecipientId, n.Contact.Email, n.Status, Csv.Time(n.SentAt), Csv.Time(n.DeliveredAt), Csv.Time(n.AcknowledgedAt), n.AcknowledgedBy]));
        Attachment(http, $"incident-{id}-notices.csv");
        return Results.Text(csv, "text/csv; charset=utf-8");
    }

    internal static async Task<IResult> ReportAsync(HttpContext http, string id, IncidentReader reader, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await ReadAsync(reader, id, cancellationToken) is not { } view)
        {
            return NotFound(http);
        }

        return Html(200, ConsolePages.Report(view, time.GetUtcNow()));
    }

    internal static async Task<IResult> RegisterAsync(HttpContext http, string? from, string? to, string? status, IncidentReader reader, CancellationToken cancellationToken)
    {
        var page = Page(http);
        var (filter, error) = RegisterFilter.Parse(from, to, status, page.Zone);
        var incidents = filter is null ? [] : await reader.ListAsync(filter.Status, filter.From, filter.To, cancellationToken);
        var csvHref = "/console/register.csv" + http.Request.QueryString;
        return Html(error is null ? 200 : 400, ConsolePages.Register(page, incidents, from, to, status, error, csvHref));
    }

    internal static async Task<IResult> RegisterCsvAsync(HttpContext http, string? from, string? to, string? status, IncidentReader reader, CancellationToken cancellationToken)
    {
        var (filter, error) = RegisterFilter.Parse(from, to, status, Page(http).Zone);
        if (filter is null)
        {
            return Results.Text(error, "text/plain; charset=utf-8", statusCode: 400);
        }

        var incidents = await reader.ListAsync(filter.Status, filter.From, filter.To, cancellationToken);
        var csv = Csv.Write(
            ["incident id", "title", "aware at", "classification", "status", "customers", "sub-processors", "recipients", "earliest due", "phases"],
            incidents.OrderBy(i => i.AwareAt).Select(i => (IReadOnlyList<string?>)[
                i.Id, i.Title, Csv.Time(i.AwareAt), i.Verdict ?? "", i.Status, i.Customers.ToString(CultureInfo.InvariantCulture),
                i.Subprocessors.ToString(CultureInfo.InvariantCulture), i.Recipients.ToString(CultureInfo.InvariantCulture), Csv.Time(i.EarliestDueAt),
                ConsolePages.PhaseList(i.Phases)]));
        Attachment(http, "breach-register.csv");
        return Results.Text(csv, "text/csv; charset=utf-8");
    }

    internal static async Task<IResult> DeadLettersAsync(HttpContext http, string? done, DeadLetterStore deadLetters, CancellationToken cancellationToken)
    {
        var (message, error) = done switch
        {
            "redriven" => ("Re-driven: the message is back on the workflow queue.", false),
            "notfound" => ("That letter is gone already.", true),
            "invalid" => ("That letter's message is not a work item; re-driving it would fail again.", true),
            _ => ((string?)null, false),
        };
        return Html(200, ConsolePages.DeadLetters(Page(http), await deadLetters.ListAsync(null, cancellationToken), message, error));
    }

    internal static async Task<IResult> RedriveAsync(HttpContext http, string messageId, DeadLetterRedrive redrive, CancellationToken cancellationToken)
    {
        var outcome = await redrive.RedriveAsync(messageId, http.User.CommanderId(), cancellationToken);
        return SeeOther("/console/deadletters?done=" + outcome switch
        {
            RedriveOutcome.Redriven => "redriven",
            RedriveOutcome.NotFound => "notfound",
            _ => "invalid",
        });
    }

    private static async Task<IncidentView?> ReadAsync(IncidentReader reader, string id, CancellationToken cancellationToken) =>
        IncidentId.IsWellFormed(id) ? await reader.ReadAsync(id, cancellationToken) : null;

    /// <summary>A posted console form the framework's antiforgery validation refused (or no form at all), as the console's page; null when it passed.</summary>
    internal static IResult? FormRefusal(HttpContext http, bool anonymous = false)
    {
        return FormBodies.Of(http) switch
        {
            FormBodies.Check.NotAForm => Html(415, ConsolePages.ProblemPage(Page(http, anonymous), "Unsupported request", "Use the console's forms.")),
            FormBodies.Check.Unreadable => Html(400, ConsolePages.ProblemPage(Page(http, anonymous), "Form not readable", "The form could not be read. Please reload the page and try again.")),
            FormBodies.Check.Expired => Html(400, ConsolePages.ProblemPage(Page(http, anonymous), "Form expired", "The form was not recognised. Please reload the page and try again.")),
            _ => null,
        };
    }

    internal static ConsolePage Page(HttpContext http, bool anonymous = false)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var commander = anonymous ? null : http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var here = HttpMethods.IsGet(http.Request.Method) ? ConsoleSession.SafeReturnUrl(http.Request.Path + http.Request.QueryString) : "/console";
        return new ConsolePage(commander, ConsoleTime.Zone(http.Request.Cookies[TimeZoneCookie]), tokens.FormFieldName, tokens.RequestToken ?? "", time.GetUtcNow(), here);
    }

    private static IResult NotFound(HttpContext http) => Html(404, ConsolePages.ProblemPage(Page(http), "No such incident", "There is no incident with that id."));

    internal static void Attachment(HttpContext http, string fileName) =>
        http.Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = fileName, DispositionType = "attachment" }.ToString();

    internal static IResult Html(int status, string html) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    /// <summary>A console page component with its status.</summary>
    internal static IResult Html(int status, Pages.HtmlPage page) => page.WithStatus(status);

    internal static IResult SeeOther(string location) => new SeeOtherResult(location);

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}

/// <summary>The register's period (local calendar dates in the commander's zone, both inclusive) and status.</summary>
internal sealed record RegisterFilter(DateTimeOffset? From, DateTimeOffset? To, string? Status)
{
    public static (RegisterFilter? Filter, string? Error) Parse(string? from, string? to, string? status, TimeZoneInfo zone)
    {
        DateTimeOffset? start = null, end = null;
        if (!string.IsNullOrEmpty(from))
        {
            if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return (null, "from: a date as yyyy-MM-dd");
            }

            start = ConsoleTime.StartOfDay(d, zone);
        }

        if (!string.IsNullOrEmpty(to))
        {
            if (!DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || d == DateOnly.MaxValue)
            {
                return (null, "to: a date as yyyy-MM-dd");
            }

            end = ConsoleTime.StartOfDay(d.AddDays(1), zone);
        }

        if (!string.IsNullOrEmpty(status) && (!Enum.TryParse<IncidentStatus>(status, true, out _) || int.TryParse(status, out _)))
        {
            return (null, $"status: one of {string.Join(", ", Enum.GetNames<IncidentStatus>())}");
        }

        return (new RegisterFilter(start, end, string.IsNullOrEmpty(status) ? null : status), null);
    }
}
