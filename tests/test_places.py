"""Risky places (network drives, synced folders) and the local-copy round trip."""

from pathlib import PurePosixPath, PureWindowsPath

import pytest

from csdesk.services.project import OpenProject
from csdesk.store import ProjectFileError, local_copy
from csdesk.store.places import cloud_service, mount_type, risk

from .conftest import digest
from .test_backups import notes


@pytest.mark.parametrize("path, service", [
    (PureWindowsPath(r"C:\Users\lead\OneDrive - Harrowmere Council\CS\review.csdesk"),
     "OneDrive"),
    (PureWindowsPath(r"C:\Users\lead\OneDrive\review.csdesk"), "OneDrive"),
    (PurePosixPath("/Users/lead/Library/CloudStorage/OneDrive-Personal/r.csdesk"), "OneDrive"),
    (PurePosixPath("/home/lead/Dropbox/r.csdesk"), "Dropbox"),
    (PureWindowsPath(r"D:\Dropbox (Council)\r.csdesk"), "Dropbox"),
    (PureWindowsPath(r"G:\My Drive\r.csdesk"), "Google Drive"),
    (PurePosixPath("/Users/lead/Library/CloudStorage/GoogleDrive-lead@x.gov.uk/r.csdesk"),
     "Google Drive"),
    (PurePosixPath("/Users/lead/Library/Mobile Documents/com~apple~CloudDocs/r.csdesk"),
     "iCloud Drive"),
    (PureWindowsPath(r"C:\Users\lead\iCloudDrive\r.csdesk"), "iCloud Drive"),
    (PureWindowsPath(r"C:\Users\lead\Documents\review.csdesk"), None),
    (PurePosixPath("/home/lead/dropboxes-notes/r.csdesk"), None),
])
def test_synced_folders_are_recognised(path, service):
    assert cloud_service(path) == service


MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
//council-fs/Social\\040Care /mnt/social\\040care cifs rw,vers=3.0 0 0
fileserver:/export /home/lead/nfs nfs4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


@pytest.mark.parametrize("path, kind", [
    ("/mnt/social care/CS review.csdesk", "cifs"),
    ("/home/lead/nfs/a/b.csdesk", "nfs4"),
    ("/home/lead/nfsother/b.csdesk", "ext4"),
    ("/tmp/x.csdesk", "tmpfs"),
])
def test_the_filesystem_holding_a_file(path, kind):
    assert mount_type(PurePosixPath(path), MOUNTS) == kind


def test_an_ordinary_local_folder_is_not_risky(new_file):
    assert risk(new_file) is None


def test_a_synced_folder_is_risky(tmp_path):
    folder = tmp_path / "OneDrive - Harrowmere Council"
    folder.mkdir()
    assert risk(folder / "r.csdesk") == "in a OneDrive folder"


def test_work_on_a_local_copy_and_copy_it_back(new_file, user_dir):
    local = local_copy.make(new_file)
    assert local.is_relative_to(user_dir) and local.name == new_file.name
    assert local_copy.origin_of(local).original == new_file.resolve()
    assert local_copy.origin_of(new_file) is None
    project = OpenProject.open(local)
    project.update_details(notes="worked on locally")
    assert local_copy.has_unsent_changes(local)
    assert notes(new_file) == ""  # the original is untouched until copied back
    local_copy.copy_back(local)  # while the copy is still open
    project.close()
    assert notes(new_file) == "worked on locally"
    assert not local_copy.has_unsent_changes(local)
    assert local_copy.make(new_file) == local  # the same copy again


def test_copy_back_is_refused_if_the_original_changed_meanwhile(new_file):
    local = local_copy.make(new_file)
    mine = OpenProject.open(local)
    mine.update_details(notes="mine")
    mine.close()
    theirs = OpenProject.open(new_file)
    theirs.update_details(notes="theirs")
    with pytest.raises(ProjectFileError, match="open for editing by"):
        local_copy.copy_back(local)  # they still have it open
    theirs.close()
    before = digest(new_file)
    with pytest.raises(ProjectFileError, match="has changed since"):
        local_copy.copy_back(local)
    assert digest(new_file) == before and notes(local) == "mine"


def test_a_local_copy_without_new_work_follows_the_original(new_file):
    local_copy.make(new_file)
    theirs = OpenProject.open(new_file)
    theirs.update_details(notes="changed at the source")
    theirs.close()
    assert notes(local_copy.make(new_file)) == "changed at the source"
