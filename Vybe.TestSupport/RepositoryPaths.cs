namespace Vybe.TestSupport;

/// <summary>Folders of the repository the running test assembly was built from.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding Vybe.sln, found by walking up from the test assembly's folder.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Debug or Release, as the running test assembly was built.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    /// <summary>The Vybe.Web project folder: the app's content root (wwwroot lives there).</summary>
    public static string WebProject => Path.Combine(Root, "Vybe.Web");

    /// <summary>The app as built in the same configuration as the tests.</summary>
    public static string WebAppDll => Path.Combine(WebProject, "bin", Configuration, "net10.0", "Vybe.Web.dll");

    /// <summary>Git-ignored output that CI keeps: screenshots, test results.</summary>
    public static string Artifacts => Path.Combine(Root, "artifacts");

    public static string Screenshot(string fileName)
    {
        var directory = Path.Combine(Artifacts, "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, fileName);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Vybe.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains Vybe.sln.");
    }
}
