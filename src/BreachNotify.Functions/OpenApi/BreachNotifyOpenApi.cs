using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using BreachNotify.Functions.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace BreachNotify.Functions.OpenApi;

/// <summary>
/// The OpenAPI document of the whole HTTP API (<c>GET /openapi/v1.json</c>) and its browsable reference page
/// (<c>GET /reference</c>, Scalar, served entirely from the app: its script is embedded in the package, no CDN, no fonts
/// from elsewhere, no telemetry).
/// </summary>
public static partial class BreachNotifyOpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePrefix = "/reference";

    public const string SignatureScheme = "signature";
    public const string TimestampScheme = "timestamp";
    public const string QueryTokenScheme = "queryToken";
    public const string CommanderScheme = "commanderKey";
    public const string SendGridSignatureScheme = "sendgridSignature";
    public const string SendGridTimestampScheme = "sendgridTimestamp";

    public static IServiceCollection AddBreachNotifyOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                DescribeDocument(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                OperationDocs.Describe(operation, context.Description.ActionDescriptor.EndpointMetadata, context.Document!);
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapBreachNotifyOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference(ReferencePrefix, options => options
                .WithTitle("BreachNotify API reference")
                .WithOpenApiRoutePattern(DocumentPath)
                .AddDocument(DocumentName)
                .DisableDefaultFonts()
                .DisableTelemetry()
                // Nothing that needs Scalar's cloud: no developer toolbar ("Deploy", "Generate SDK"), no AI chat, no MCP.
                .HideDeveloperTools()
                .DisableAgent()
                .DisableMcp())
            .AddEndpointFilter(async (context, next) =>
            {
                // Replaces the app's strict policy on the page only; the page's one inline script (its initialisation,
                // which names the request path) is allowed by its hash, so script-src stays 'self'.
                var result = await next(context);
                if (result is ContentHttpResult { ResponseContent: { } html })
                {
                    context.HttpContext.Response.Headers.ContentSecurityPolicy = ReferencePagePolicy(html);
                }

                return result;
            });
        return app;
    }

    /// <summary>
    /// The reference page's policy: its scripts from the app itself (the inline initialisation by its hash), styles from
    /// the app (Scalar also sets inline styles at run time), the document and "try it" requests to the app itself only;
    /// nothing from elsewhere, no framing.
    /// </summary>
    public static string ReferencePagePolicy(string html)
    {
        var hashes = InlineScript().Matches(html)
            .Select(m => $" 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value)))}'");
        return $"default-src 'none'; script-src 'self'{string.Concat(hashes)}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    private static void DescribeDocument(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "BreachNotify",
            Version = "v1",
            Description = """
                Personal data breach notification for a processor: SIEMs post detections, commanders read and decide
                incidents, recipients acknowledge notices through their link.

                **Authentication.** Ingest (`POST /api/detections?source=NAME`) is authenticated per source: by default the
                header `X-BreachNotify-Signature: sha256=HEX`, the lowercase hex HMAC-SHA256 of the exact body bytes with the
                source's secret; with `X-BreachNotify-Timestamp: UNIXSECONDS` the signature covers `timestamp.body` and the
                timestamp must be recent (a source may require it). Sources that cannot sign (Splunk) send a per-source
                token as `&token=`. Under the Azure Functions host the function key (`x-functions-key` or `&code=`) also
                applies to ingest. The commanders' API (`/api/incidents*`) needs `Authorization: Bearer KEY`. SendGrid's
                delivery events (`POST /api/delivery/sendgrid`) are verified with its Signed Event Webhook key.

                **Errors** are `application/problem+json` (RFC 9457): `title`, `status`, `detail`; a 400 on ingest adds
                `errors`, each invalid field with its messages (`{ "field": ["message"] }`, the framework's validation problem).
                """,
        };

        // Only the product's groups (the operation transformer tags each operation); not the endpoint classes' names.
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = "Ingest", Description = "Detections from SIEMs." },
            new() { Name = "Incidents", Description = "The incident commanders' API." },
            new() { Name = "Acknowledgement", Description = "The recipients' acknowledgement page (HTML)." },
            new() { Name = "Delivery", Description = "Delivery events from the mail provider (SendGrid)." },
            new() { Name = "Health", Description = "Probes." },
        };

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        var schemes = document.Components.SecuritySchemes;
        schemes[SignatureScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = IngestOptions.SignatureHeader,
            Description = "`sha256=HEX`: lowercase hex HMAC-SHA256 of the raw body (or of `timestamp.body` when the timestamp header is sent) with the source's secret (`Sources:NAME:Secret`).",
        };
        schemes[TimestampScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = IngestOptions.TimestampHeader,
            Description = "Optional (required when `Sources:NAME:RequireTimestamp`): Unix seconds, signed with the body, within `Ingest:TimestampToleranceSeconds` (default 300) of now, against replay.",
        };
        schemes[QueryTokenScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Query,
            Name = "token",
            Description = "For sources configured with `Sources:NAME:Auth=query-token` (Splunk allows no custom header): the source's secret, compared in constant time.",
        };
        schemes[SendGridSignatureScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = EventWebhookSignature.SignatureHeader,
            Description = "SendGrid's Signed Event Webhook: base64 ECDSA P-256 (SHA-256, DER) signature of the timestamp header followed by the raw body, verified with `SendGrid:EventWebhookPublicKey`.",
        };
        schemes[SendGridTimestampScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = EventWebhookSignature.TimestampHeader,
            Description = "Unix seconds, signed with the body; more than 10 minutes from now is refused (replay).",
        };
        schemes[CommanderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An incident commander's key (`Commanders:Keys:ID` or the directory's `apiKeySha256`, stored as SHA-256 hashes).",
        };
    }
}
