namespace Portal.Benchmarks;

/// <summary>
/// One named benchmark. Program.cs finds every implementation by reflection, so adding a benchmark is adding a class.
/// A benchmark prints its own results as Markdown table rows to the writer it is given.
/// </summary>
public interface IBenchmark
{
    /// <summary>The name used on the command line: <c>dotnet run -c Release --project bench/Portal.Benchmarks -- NAME</c>.</summary>
    string Name { get; }

    string Description { get; }

    Task RunAsync(TextWriter report, CancellationToken cancellationToken);
}
