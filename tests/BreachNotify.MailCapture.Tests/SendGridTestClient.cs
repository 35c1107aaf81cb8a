using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace BreachNotify.MailCapture.Tests;

/// <summary>Talks to the capture the way a SendGrid client does: bearer key, raw v3 JSON.</summary>
internal static class SendGridTestClient
{
    public const string ApiKey = "SG.test-key";

    public static HttpClient Create(MailCaptureServer server, string? apiKey = ApiKey)
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        if (apiKey is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, string json) =>
        client.PostAsync("v3/mail/send", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    /// <summary>A valid send to the given recipients, one personalization each, tagged with a notice id.</summary>
    public static string Mail(params (string Email, string NoticeId)[] recipients)
    {
        var personalizations = new JsonArray();
        foreach (var (email, noticeId) in recipients)
        {
            personalizations.Add(new JsonObject
            {
                ["to"] = new JsonArray(new JsonObject { ["email"] = email }),
                ["custom_args"] = new JsonObject { ["notice_id"] = noticeId },
            });
        }

        return new JsonObject
        {
            ["from"] = new JsonObject { ["email"] = "notices@breachnotify.test" },
            ["subject"] = "Security notice",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text/plain", ["value"] = "Please read." }),
            ["personalizations"] = personalizations,
        }.ToJsonString();
    }
}
