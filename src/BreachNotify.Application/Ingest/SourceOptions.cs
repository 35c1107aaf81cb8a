namespace BreachNotify.Application.Ingest;

/// <summary><c>Sources:NAME:*</c>: one SIEM source and how it proves itself.</summary>
public sealed class SourceOptions
{
    public const string SignatureAuth = "signature";
    public const string QueryTokenAuth = "query-token";

    /// <summary>The HMAC key, or the query token for sources that cannot sign (Splunk).</summary>
    public string Secret { get; set; } = "";

    /// <summary><c>signature</c> (HMAC-SHA256 header, the default) or <c>query-token</c>.</summary>
    public string Auth { get; set; } = SignatureAuth;

    /// <summary>Refuse signatures without the timestamp header (replay protection).</summary>
    public bool RequireTimestamp { get; set; }

    /// <summary>Force a format for this source instead of detecting it from the body.</summary>
    public string? Format { get; set; }
}
