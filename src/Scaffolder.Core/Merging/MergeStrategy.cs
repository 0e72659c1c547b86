namespace Scaffolder.Merging;

/// <summary>How a rendered file meets a file of the same name that already exists.</summary>
public enum MergeStrategy
{
    /// <summary>The file is ours as a whole: an existing different file is a conflict.</summary>
    Replace,
    /// <summary>requirements.txt (or requirements.in): missing packages are added, the user's lines kept.</summary>
    Requirements,
    /// <summary>pyproject.toml: missing packages are added to [project] dependencies or [tool.poetry.dependencies].</summary>
    Pyproject,
    /// <summary>Pipfile: missing packages are added to [packages].</summary>
    Pipfile,
    /// <summary>.env: missing keys are added, existing values never changed.</summary>
    Env,
    /// <summary>.gitignore, .dockerignore: missing lines are added.</summary>
    Lines,
}
