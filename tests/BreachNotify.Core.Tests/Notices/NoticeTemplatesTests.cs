using BreachNotify.Incidents;
using BreachNotify.Notices;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.Notices;

public sealed class NoticeTemplatesTests
{
    private static IncidentState Incident()
    {
        return TestData.Classified(TestData.Detection("ocsf-detection-finding-exfil.json"), TestData.Now);
    }

    private static Recipient Soc(IncidentState incident) => RecipientList.Of(TestData.SampleDirectory, incident).Single(r => r.Email == "soc@contoso.example");

    [Fact]
    public void BuiltIn_HasEveryKindInEnglishAndGerman_InTextAndHtml()
    {
        foreach (var kind in NoticeTemplates.Kinds.Keys)
        {
            foreach (var locale in new[] { "en", "de" })
            {
                var template = TestData.Templates.For(kind, locale);
                Assert.Equal(locale, template.Locale);
                Assert.NotNull(template.Html);
                Assert.DoesNotContain(template.Html, char.IsControl);
            }
        }
    }

    [Theory]
    [InlineData("de-DE", "de-de")]
    [InlineData("de-AT", "de")]
    [InlineData("DE", "de")]
    [InlineData("de_CH", "de")]
    [InlineData("pt-BR", "en")]
    [InlineData("", "en")]
    [InlineData(null, "en")]
    public void For_PicksExactThenLanguageThenEnglish(string? locale, string expected)
    {
        var templates = TestData.TemplatesWith([("customer.de-DE.txt", "Subject: Meldung {{incidentId}}\n\nNur für Deutschland: {{nature}} {{ackUrl}}\n")]);

        Assert.Equal(expected, templates.For(NoticeTemplates.Customer, locale).Locale);
    }

    [Fact]
    public void Override_ReplacesTheBuiltInFile_AndANewLocaleWithoutHtmlGetsItsTextAsHtml()
    {
        var templates = TestData.TemplatesWith(
        [
            ("customer.en.txt", "Subject: Breach notice {{incidentId}}\n\nDear {{partyName}}, our wording. Measures: {{measures}}\nAcknowledge: {{ackUrl}}\n"),
            ("customer.fr.txt", "Subject: Notification {{incidentId}}\n\nMesures : {{measures}}\nAccusé de réception : {{ackUrl}}\n"),
        ]);
        var composer = new NoticeComposer(TestData.SampleDirectory, templates);
        var incident = Incident();

        var english = composer.Compose(incident, Soc(incident));
        var french = composer.Compose(incident, Soc(incident) with { Locale = "fr-FR" });

        Assert.Equal($"Breach notice {incident.Id}", english.Subject);
        Assert.StartsWith("Dear Contoso", english.Text, StringComparison.Ordinal);
        Assert.Contains("our wording", english.Text, StringComparison.Ordinal);
        Assert.Contains("Nature of the breach", english.Html, StringComparison.Ordinal); // the built-in .html stays
        Assert.Equal($"Notification {incident.Id}", french.Subject);
        Assert.Contains("Mesures : Containment", french.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{NoticeContent.AckUrlTag}\">", french.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(french.Html, char.IsControl);
    }

    [Fact]
    public void Parse_UnknownPlaceholder_IsAProblemNamingTheFile()
    {
        var (templates, problems) = TestData.ParseTemplates([("customer.en.txt", "Subject: x {{incidentId}}\n\nHello {{secretSauce}} {{ackUrl}}\n")]);

        Assert.Null(templates);
        Assert.Contains(problems, p => p.StartsWith("override/customer.en.txt: unknown placeholder {{secretSauce}}", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DetectionTextInASubject_IsAProblem()
    {
        var (_, problems) = TestData.ParseTemplates([("customer.en.txt", "Subject: {{description}}\n\n{{ackUrl}}\n")]);

        Assert.Contains(problems, p => p.Contains("unknown placeholder {{description}} in the subject", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NoEnglishTemplate_IsAProblemNamingTheSetting()
    {
        var (templates, problems) = NoticeTemplates.Parse(
            [new TemplateFile("customer.de.txt", "Subject: Meldung {{incidentId}}\n\n{{ackUrl}}\n", "x/customer.de.txt")], "Notices:TemplatesPath");

        Assert.Null(templates);
        Assert.Contains("Notices:TemplatesPath: no English template customer.en.txt (English is the fallback of every kind)", problems);
        Assert.Contains(problems, p => p.Contains("reminder.en.txt", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Subject x\n\nbody")]
    [InlineData("Subject: x\n\n{{#message}}never closed")]
    [InlineData("Subject: x\n\n{{ not a placeholder }}")]
    public void Parse_MalformedTemplate_IsAProblem(string content)
    {
        var (templates, problems) = TestData.ParseTemplates([("customer.en.txt", content)]);

        Assert.Null(templates);
        Assert.Contains(problems, p => p.StartsWith("override/customer.en.txt: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_SectionsKeepTheirContentOnlyWhenTheValueIsThere()
    {
        var values = new Dictionary<string, string> { ["a"] = "A", ["b"] = "" };

        var rendered = NoticeTemplates.Render("{% if a %}[{{ a }}]{% endif %}{% if b %}[{{ b }}]{% endif %}{% unless b %}none{% endunless %}", n => values[n], n => values[n].Length > 0);

        Assert.Equal("[A]none", rendered);
    }

    [Fact]
    public void BuiltIn_HtmlTemplates_HoldTheirBodyOnly_TheLayoutOnce()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "templates");
        var bodies = Directory.GetFiles(folder, "*.html").Where(f => Path.GetFileName(f) != NoticeTemplates.LayoutName).ToList();

        Assert.Equal(16 * 2, bodies.Count); // 16 kinds (drill-notice the last added), en and de
        Assert.All(bodies, f => Assert.DoesNotContain("<body", File.ReadAllText(f), StringComparison.OrdinalIgnoreCase));
        Assert.Contains("<body", File.ReadAllText(Path.Combine(folder, NoticeTemplates.LayoutName)), StringComparison.Ordinal);
        Assert.All(TestData.Templates.All, t => Assert.StartsWith("<!doctype html> <html lang=\"" + t.Locale + "\"><body", t.Html, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_AChangedLayout_ShowsInTheHtmlOfEveryKindAndLocale()
    {
        var templates = TestData.TemplatesWith([(NoticeTemplates.LayoutName, "<html><body>\n<p>Our new footer</p>\n{{ content }}\n<footer>Processor GmbH</footer>\n</body></html>\n")]);

        Assert.Equal(NoticeTemplates.Kinds.Count * 2, templates.All.Count());
        Assert.All(templates.All, t =>
        {
            var html = NoticeTemplates.RenderHtml(t.Html!, _ => "", _ => false);
            Assert.StartsWith("<html><body> <p>Our new footer</p> ", html, StringComparison.Ordinal);
            Assert.EndsWith(" <footer>Processor GmbH</footer> </body></html>", html, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("customer.en.txt", "Subject: x {{ incidentId }}\n\n{% if message %}never closed {{ ackUrl }}\n")]
    [InlineData("customer.en.txt", "Subject: x {{ incidentId }\n\n{{ ackUrl }}\n")]
    [InlineData("customer.de.html", "<p>{% iff message %}{{ message }}{% endif %}</p>")]
    [InlineData(NoticeTemplates.LayoutName, "<html><body>{% if locale %}{{ content }}</body></html>")]
    public void Parse_ALiquidSyntaxError_IsAProblemNamingTheFile(string name, string content)
    {
        var (templates, problems) = TestData.ParseTemplates([(name, content)]);

        Assert.Null(templates);
        Assert.Contains(problems, p => p.StartsWith($"override/{name}: ", StringComparison.Ordinal) && p.Contains("is not valid Liquid", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_AnUnknownPlaceholderInsideASection_IsAProblem()
    {
        var (templates, problems) = TestData.ParseTemplates([("customer.en.html", "<p>{% if message %}{{ secretSauce }}{% endif %}</p>")]);

        Assert.Null(templates);
        Assert.Contains(problems, p => p.StartsWith("override/customer.en.html: unknown placeholder {{secretSauce}} in the html", StringComparison.Ordinal));
    }
}
