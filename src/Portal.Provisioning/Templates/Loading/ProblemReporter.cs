namespace Portal.Provisioning.Templates.Loading;

/// <summary>Collects the problems of one file of one template, so readers can keep going and report every problem.</summary>
internal sealed class ProblemReporter(string template, string file, ICollection<TemplateProblem> sink)
{
    public void Report(string field, string message) => sink.Add(new TemplateProblem(template, file, field, message));
}
