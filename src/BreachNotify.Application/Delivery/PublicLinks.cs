namespace BreachNotify.Application.Delivery;

/// <summary>Links that leave the app (in notices and commander mails), always on the configured <c>PublicBaseUrl</c>, never an internal address.</summary>
public sealed class PublicLinks(Uri publicBaseUrl)
{
    public Uri BaseUrl { get; } = publicBaseUrl;

    public string Acknowledgement(string token) => $"{BaseUrl.ToString().TrimEnd('/')}/ack/{Uri.EscapeDataString(token)}";

    /// <summary>The incident's console page, the link in every commander mail: a browser opens it (signing in first), where the JSON API would answer 401.</summary>
    public string Incident(string incidentId) => $"{BaseUrl.ToString().TrimEnd('/')}/console/incidents/{Uri.EscapeDataString(incidentId)}";
}
