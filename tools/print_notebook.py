"""Prints an executed notebook's cells and outputs as a terminal transcript (used by `make demo`)."""
import sys

import nbformat


def text_of(output):
    kind = output.get("output_type")
    if kind == "stream":
        return output.get("text", "")
    if kind in ("execute_result", "display_data"):
        data = output.get("data", {})
        if "text/plain" in data:
            return data["text/plain"] + "\n"
        return "[" + ", ".join(sorted(data)) + "]\n"
    if kind == "error":
        return f"{output.get('ename')}: {output.get('evalue')}\n"
    return ""


def main(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        count = cell.get("execution_count") or " "
        prompt = f"In [{count}]: "
        print(prompt + cell.source.replace("\n", "\n" + " " * len(prompt)))
        for output in cell.get("outputs", []):
            print(text_of(output), end="")
        print()


if __name__ == "__main__":
    main(sys.argv[1])
