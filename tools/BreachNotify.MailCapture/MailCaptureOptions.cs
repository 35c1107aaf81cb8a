namespace BreachNotify.MailCapture;

/// <summary>How a <see cref="MailCaptureServer"/> listens and whom it lets in.</summary>
public sealed record MailCaptureOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one (what tests want).</summary>
    public int Port { get; init; }

    /// <summary>When set, requests must carry exactly this bearer key; otherwise any non-empty key passes.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The largest body taken; a larger one is answered 413 as SendGrid does (its mail send reference says 20 MB).</summary>
    public long MaxRequestBytes { get; init; } = 20_000_000;
}
