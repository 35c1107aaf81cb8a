namespace BreachNotify.Functions.Hosting;

/// <summary>Links that leave the app (in notices and commander mails), always on the configured <c>PublicBaseUrl</c>, never an internal address.</summary>
public sealed class PublicLinks(Uri publicBaseUrl)
{
    public Uri BaseUrl { get; } = publicBaseUrl;

    public string Acknowledgement(string token) => $"{BaseUrl.ToString().TrimEnd('/')}/ack/{Uri.EscapeDataString(token)}";

    public string Incident(string incidentId) => $"{BaseUrl.ToString().TrimEnd('/')}/api/incidents/{Uri.EscapeDataString(incidentId)}";
}
